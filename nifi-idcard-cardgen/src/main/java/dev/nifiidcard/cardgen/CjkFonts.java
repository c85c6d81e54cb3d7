package dev.nifiidcard.cardgen;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The two CJK font families the build downloads (Noto Sans SC and Noto Serif SC, SIL OFL 1.1), each in Regular and
 * Bold, loaded from this jar so cards render the same on every machine, whatever fonts it has installed.
 */
public enum CjkFonts {
    NOTO_SANS_SC("NotoSansSC_400Regular.ttf", "NotoSansSC_700Bold.ttf"),
    NOTO_SERIF_SC("NotoSerifSC_400Regular.ttf", "NotoSerifSC_700Bold.ttf");

    public static final List<CjkFonts> ALL = List.of(values());

    private final String regularFile;
    private final String boldFile;
    private volatile Font regular;
    private volatile Font bold;

    CjkFonts(final String regularFile, final String boldFile) {
        this.regularFile = regularFile;
        this.boldFile = boldFile;
    }

    /** The family at {@code sizePixels}, bold or regular; fonts are read once, then derived. */
    public Font font(final boolean isBold, final float sizePixels) {
        return (isBold ? bold() : regular()).deriveFont(sizePixels);
    }

    private Font regular() {
        if (regular == null) {
            regular = load(regularFile);
        }
        return regular;
    }

    private Font bold() {
        if (bold == null) {
            bold = load(boldFile);
        }
        return bold;
    }

    private static Font load(final String file) {
        try (InputStream in = CjkFonts.class.getResourceAsStream("fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("fonts/" + file + " is not in nifi-idcard-cardgen's jar: build the module");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final FontFormatException e) {
            throw new IllegalStateException(file + " is not a TrueType font", e);
        }
    }
}
