/** The enrollment demo and the local IDCardOCR simulator; not part of the NAR. */
package dev.nifiidcard.demo;
