package dev.nifiidcard.image;

import dev.nifiidcard.ocr.ImageFormat;

/**
 * Format and pixel size of an image, read from its header without decoding it.
 *
 * @param format format by magic bytes
 * @param width  width in pixels
 * @param height height in pixels
 */
public record ImageHeader(ImageFormat format, int width, int height) {
}
