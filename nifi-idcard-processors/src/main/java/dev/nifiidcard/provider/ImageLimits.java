package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.ImageConstraints;
import dev.nifiidcard.ocr.ImageFormat;

import java.util.Set;

/** The image limits every cloud provider shares beyond its documented ones, so a provider states only what differs. */
public final class ImageLimits {

    /** A card photo whose shorter side is under this many pixels cannot show an 18-digit number legibly. */
    public static final int MIN_SHORT_SIDE = 160;
    /** Where a provider documents no maximum: beyond this the image is suspect (decompression bombs included). */
    public static final int MAX_LONG_SIDE = 10_000;

    private ImageLimits() {
    }

    /** The formats and largest size a provider documents, with the shared side limits. */
    public static ImageConstraints of(final Set<ImageFormat> formats, final long maxBytes) {
        return new ImageConstraints(formats, maxBytes, MIN_SHORT_SIDE, MAX_LONG_SIDE);
    }
}
