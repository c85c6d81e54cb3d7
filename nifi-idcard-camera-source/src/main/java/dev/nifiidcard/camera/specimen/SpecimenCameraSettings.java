package dev.nifiidcard.camera.specimen;

/**
 * How the specimen camera films.
 *
 * @param width           frame width in pixels
 * @param height          frame height in pixels
 * @param framesPerSecond frame rate; frame {@code i} is stamped {@code start + i / framesPerSecond}
 * @param seed            chooses the desk, the card poses and the noise; the same seed films the same frames
 * @param jpegQuality     ImageIO JPEG quality, 0..1
 */
public record SpecimenCameraSettings(int width, int height, double framesPerSecond, long seed, float jpegQuality) {

    /** 1280×720 at 10 frames per second, quality 0.9 like a camera's. */
    public static final SpecimenCameraSettings DEFAULTS = new SpecimenCameraSettings(1280, 720, 10, 1, 0.9f);

    public SpecimenCameraSettings {
        if (width < 64 || height < 64 || (long) width * height > 40_000_000L) {
            throw new IllegalArgumentException("The frame size must be between 64x64 and 40 megapixels, not " + width + "x" + height);
        }
        if (!(framesPerSecond >= 0.1 && framesPerSecond <= 60)) {
            throw new IllegalArgumentException("The frame rate must be between 0.1 and 60, not " + framesPerSecond);
        }
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("The JPEG quality must be above 0 and at most 1, not " + jpegQuality);
        }
    }

    public SpecimenCameraSettings withSize(final int newWidth, final int newHeight) {
        return new SpecimenCameraSettings(newWidth, newHeight, framesPerSecond, seed, jpegQuality);
    }

    public SpecimenCameraSettings withFramesPerSecond(final double newFramesPerSecond) {
        return new SpecimenCameraSettings(width, height, newFramesPerSecond, seed, jpegQuality);
    }

    public SpecimenCameraSettings withSeed(final long newSeed) {
        return new SpecimenCameraSettings(width, height, framesPerSecond, newSeed, jpegQuality);
    }
}
