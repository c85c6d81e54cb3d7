package dev.nifiidcard.offline.ocr;

/**
 * PaddleOCR's get_rotate_crop_image as a map rather than a copy: crop pixel (u, v) is image pixel
 * {@code cropToImage}(u, v), so a model input is sampled straight from the original-resolution image.
 */
record LineCrop(Affine cropToImage, int width, int height) {

    /** PaddleOCR turns a crop this much taller than wide a quarter turn, taking it for a vertical line. */
    private static final double TALL = 1.5;

    /** The crop of {@code box} (view pixels; view pixel p is image pixel {@code viewToImage}(p)). */
    static LineCrop of(final Quad box, final Affine viewToImage) {
        final int width = Math.max(1, (int) box.width());
        final int height = Math.max(1, (int) box.height());
        final Point origin = box.topLeft();
        final Affine cropToView = Affine.spanning(origin,
                (box.topRight().x() - origin.x()) / width, (box.topRight().y() - origin.y()) / width,
                (box.bottomLeft().x() - origin.x()) / height, (box.bottomLeft().y() - origin.y()) / height);
        final LineCrop crop = new LineCrop(viewToImage.after(cropToView), width, height);
        return (double) height / width >= TALL ? crop.turnedCounterClockwise() : crop;
    }

    /** np.rot90: the crop turned a quarter counter-clockwise. */
    LineCrop turnedCounterClockwise() {
        return new LineCrop(cropToImage.after(new Affine(0, -1, width - 1, 1, 0, 0)), height, width);
    }

    /** cv2.rotate(ROTATE_180). */
    LineCrop turnedHalf() {
        return new LineCrop(cropToImage.after(new Affine(-1, 0, width - 1, 0, -1, height - 1)), width, height);
    }

    double aspect() {
        return (double) width / height;
    }

    /** Resizes the crop to {@code outW} × {@code outH} into a model input plane set (see {@link BgrImage#sample}). */
    void sample(final BgrImage image, final int outW, final int outH, final float[] dest, final int offset,
            final int stride, final float[] mean, final float[] std) {
        image.sample(cropToImage.after(Affine.resize(width, height, outW, outH)), outW, outH, dest, offset, stride, outH,
                mean, std);
    }
}
