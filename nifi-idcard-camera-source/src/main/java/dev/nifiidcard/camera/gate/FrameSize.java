package dev.nifiidcard.camera.gate;

/**
 * The pixel size of an image at full resolution.
 *
 * @param width  width in pixels
 * @param height height in pixels
 */
public record FrameSize(int width, int height) {
}
