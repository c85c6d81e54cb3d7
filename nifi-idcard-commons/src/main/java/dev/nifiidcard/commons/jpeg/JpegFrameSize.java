package dev.nifiidcard.commons.jpeg;

/** The width and height a JPEG's frame header declares; 0 height means a DNL marker declares it later. */
public record JpegFrameSize(int width, int height) {
}
