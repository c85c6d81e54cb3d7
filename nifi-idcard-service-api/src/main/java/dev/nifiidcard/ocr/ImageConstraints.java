package dev.nifiidcard.ocr;

import java.util.Set;

/**
 * What a provider accepts. Checked locally before a call, so an image the provider would reject is never paid for.
 *
 * @param formats      accepted formats
 * @param maxBytes     largest accepted image in bytes, as stored (before any transfer encoding)
 * @param minShortSide smallest accepted shorter side in pixels
 * @param maxLongSide  largest accepted longer side in pixels
 */
public record ImageConstraints(Set<ImageFormat> formats, long maxBytes, int minShortSide, int maxLongSide) {

    public ImageConstraints {
        formats = Set.copyOf(formats);
    }
}
