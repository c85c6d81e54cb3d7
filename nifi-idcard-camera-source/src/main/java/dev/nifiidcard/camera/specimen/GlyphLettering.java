package dev.nifiidcard.camera.specimen;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lettering from committed glyph artwork: outlines of Noto Sans SC Regular and Bold for exactly the characters the
 * specimen camera draws ({@link SpecimenText}), so it draws Chinese on machines without a CJK font and without a font
 * in the NAR. Written by {@code dev.nifiidcard.cardgen.SpecimenGlyphsGenerator}; see {@link GlyphArtwork} for the format.
 */
public final class GlyphLettering implements CardLettering {

    /** The artwork, beside this class. */
    public static final String RESOURCE = "glyphs/noto-sans-sc.txt";

    private final Map<Integer, Glyph> regular;
    private final Map<Integer, Glyph> bold;

    private GlyphLettering(final Map<Integer, Glyph> regular, final Map<Integer, Glyph> bold) {
        this.regular = regular;
        this.bold = bold;
    }

    /** The committed artwork, read once. */
    public static GlyphLettering notoSansSc() {
        return Committed.LETTERING;
    }

    /** Artwork in the format {@link GlyphArtwork} writes. */
    public static GlyphLettering read(final Reader artwork) throws IOException {
        final Map<Integer, Glyph> regular = new HashMap<>();
        final Map<Integer, Glyph> bold = new HashMap<>();
        Map<Integer, Glyph> weight = null;
        final BufferedReader lines = new BufferedReader(artwork);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(GlyphArtwork.WEIGHT)) {
                weight = line.endsWith(GlyphArtwork.BOLD) ? bold : regular;
                continue;
            }
            if (weight == null) {
                throw new IOException("A glyph before the first weight line: " + line);
            }
            final String[] parts = line.split(" ", 3);
            weight.put(Integer.parseInt(parts[0], 16), new Glyph(Integer.parseInt(parts[1]), GlyphArtwork.path(parts.length > 2 ? parts[2] : "")));
        }
        return new GlyphLettering(Map.copyOf(regular), Map.copyOf(bold));
    }

    /** The characters drawn in a weight. */
    public Set<Integer> codePoints(final boolean isBold) {
        return Collections.unmodifiableSet((isBold ? bold : regular).keySet());
    }

    /** A character's advance in units of 1/{@link GlyphArtwork#UNITS_PER_EM} em. */
    public int advanceUnits(final int codePoint, final boolean isBold) {
        return glyph(codePoint, isBold).advance();
    }

    @Override
    public Shape outline(final String text, final boolean isBold, final double sizePixels) {
        final double scale = sizePixels / GlyphArtwork.UNITS_PER_EM;
        final Path2D.Double outline = new Path2D.Double(Path2D.WIND_NON_ZERO);
        double x = 0;
        for (final int codePoint : text.codePoints().toArray()) {
            final Glyph glyph = glyph(codePoint, isBold);
            final AffineTransform placed = AffineTransform.getTranslateInstance(x, 0);
            placed.scale(scale, scale);
            outline.append(glyph.outline().getPathIterator(placed), false);
            x += glyph.advance() * scale;
        }
        return outline;
    }

    @Override
    public double advance(final String text, final boolean isBold, final double sizePixels) {
        return text.codePoints().map(codePoint -> glyph(codePoint, isBold).advance()).sum() * sizePixels / GlyphArtwork.UNITS_PER_EM;
    }

    private Glyph glyph(final int codePoint, final boolean isBold) {
        final Glyph glyph = (isBold ? bold : regular).get(codePoint);
        if (glyph == null) {
            throw new IllegalArgumentException(new String(Character.toChars(codePoint)) + " (U+" + Integer.toHexString(codePoint)
                    + ") is not in the glyph artwork: re-run dev.nifiidcard.cardgen.SpecimenGlyphsGenerator");
        }
        return glyph;
    }

    private record Glyph(int advance, Path2D.Float outline) {
    }

    private static final class Committed {

        static final GlyphLettering LETTERING = load();

        private static GlyphLettering load() {
            try (InputStream in = GlyphLettering.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing beside " + GlyphLettering.class.getName());
                }
                return read(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (final IOException e) {
                throw new UncheckedIOException("Cannot read the glyph artwork " + RESOURCE, e);
            }
        }
    }
}
