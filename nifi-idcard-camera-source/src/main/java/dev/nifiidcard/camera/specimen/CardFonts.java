package dev.nifiidcard.camera.specimen;

import java.awt.AWTError;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Finds an installed font that has the Chinese glyphs of the card; without one, the logical sans-serif font. */
final class CardFonts {

    /** Families Debian and common desktops install with CJK coverage, best first. */
    private static final List<String> CJK_FAMILIES = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN", "SimHei", "Microsoft YaHei",
            "PingFang SC");
    private static final String SAMPLE = "姓名性别民族出生住址公民身份号码样本中华人民共和国居民身份证签发机关有效期限长期李明刘洋张伟";

    private CardFonts() {
    }

    /** Lettering in an installed CJK family, or in the logical sans-serif font when none is installed. */
    static CardLettering lettering() {
        final String family = cjkFamily().orElse(Font.SANS_SERIF);
        return new FontLettering(new Font(family, Font.PLAIN, 12), new Font(family, Font.BOLD, 12));
    }

    /** A font family that can draw every Chinese character on the cards, or empty when none is installed. */
    static Optional<String> cjkFamily() {
        try {
            final List<String> installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            for (final String family : CJK_FAMILIES) {
                if (installed.contains(family) && canDraw(family)) {
                    return Optional.of(family);
                }
            }
            // the logical font maps to whatever fontconfig finds, which may include an unlisted CJK font
            return canDraw(Font.SANS_SERIF) ? Optional.of(Font.SANS_SERIF) : Optional.empty();
        } catch (final RuntimeException | LinkageError | AWTError noFontSystem) {
            // a JRE without font configuration still draws with its built-in fallback
            return Optional.empty();
        }
    }

    private static boolean canDraw(final String family) {
        return new Font(family, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) == -1;
    }
}
