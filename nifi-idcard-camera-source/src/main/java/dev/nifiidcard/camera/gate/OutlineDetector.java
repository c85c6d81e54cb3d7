package dev.nifiidcard.camera.gate;

/**
 * Finds a card by its outline rather than its brightness: a card's border is a closed line of sharp luma steps
 * whatever the colours on either side (a dark band or holder against a dark desk, a light card on a pale desk), while
 * desk grain and weave at 1/4 scale step only a few levels. The edge pixels, thickened by one pixel to close small
 * gaps, form connected regions; a region whose filled outline is an ID-1 rectangle ({@link CardDetector}'s measure:
 * aspect, fill, not touching the frame's edge) is the card. Print and portrait inside are holes of that region.
 */
final class OutlineDetector {

    /** Luma step across two pixels (the larger of x and y) that counts as an edge; desk textures stay below it. */
    static final int EDGE_STEP = 16;
    /** How far, in pixels, the widened edge region reaches outside the card's border. */
    private static final double RING = 2;
    /** Regions measured, largest first: a desk's long shadow or a book may outsize the card. */
    private static final int REGIONS_TRIED = 3;

    private OutlineDetector() {
    }

    static CardOutline detect(final ScaledLuma luma) {
        final int width = luma.width();
        final int height = luma.height();
        final byte[] edges = edges(luma);
        // labels as CardDetector takes them: 0 for an edge pixel or one next to it, -1 for the rest
        final int[] labels = new int[edges.length];
        final byte[] widened = new byte[edges.length];
        for (int y = 0; y < height; y++) {
            final int row = y * width;
            for (int x = 0; x < width; x++) {
                widened[row + x] = (byte) (edges[row + x] | (x > 0 ? edges[row + x - 1] : 0) | (x < width - 1 ? edges[row + x + 1] : 0));
            }
        }
        for (int y = 0; y < height; y++) {
            final int row = y * width;
            for (int x = 0; x < width; x++) {
                final int near = widened[row + x] | (y > 0 ? widened[row + x - width] : 0) | (y < height - 1 ? widened[row + x + width] : 0);
                labels[row + x] = near == 0 ? -1 : 0;
            }
        }
        return inset(CardDetector.largestRegions(labels, width, height, REGIONS_TRIED), width * height);
    }

    /**
     * The outline's region reaches past the card: the step marks the pixels on both sides of it, widened by one.
     * Moves its rectangle in by that much, so that area and aspect are the card's.
     */
    private static CardOutline inset(final CardOutline outline, final int framePixels) {
        final OrientedBox box = outline.box();
        if (box == null || box.breadth() <= 4 * RING) {
            return outline;
        }
        final OrientedBox card = new OrientedBox(box.centerX(), box.centerY(), box.ux(), box.uy(), box.length() - 2 * RING,
                box.breadth() - 2 * RING);
        final double areaFraction = outline.areaFraction() * card.area() / box.area();
        final int margin = (int) RING;
        return new CardOutline(outline.present(), areaFraction, outline.fill(), card, outline.left() + margin,
                outline.top() + margin, outline.right() - margin, outline.bottom() - margin);
    }

    /** 1 where the central difference across x or y reaches {@link #EDGE_STEP}; the frame's border stays 0. */
    private static byte[] edges(final ScaledLuma luma) {
        final int width = luma.width();
        final byte[] p = luma.pixels();
        final byte[] edges = new byte[p.length];
        for (int y = 1; y < luma.height() - 1; y++) {
            for (int x = 1, at = y * width + 1; x < width - 1; x++, at++) {
                final int dx = (p[at + 1] & 0xFF) - (p[at - 1] & 0xFF);
                final int dy = (p[at + width] & 0xFF) - (p[at - width] & 0xFF);
                if (Math.abs(dx) >= EDGE_STEP || Math.abs(dy) >= EDGE_STEP) {
                    edges[at] = 1;
                }
            }
        }
        return edges;
    }
}
