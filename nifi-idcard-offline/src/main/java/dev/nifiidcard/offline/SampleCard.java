package dev.nifiidcard.offline;

import dev.nifiidcard.ocr.IdCardFields;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * The built-in sample for Verify: a synthetic photo of an obviously fake card (Tencent's documentation person, 李明),
 * drawn by nifi-idcard-cardgen, and the fields printed on it.
 */
final class SampleCard {

    static final IdCardFields PRINTED = new IdCardFields("李明", "男", "汉", "1987-01-01", "440524198701010014",
            "北京市石景山区高新技术园腾讯大楼", null, null, null);
    private static final List<Function<IdCardFields, String>> FIELDS = List.of(IdCardFields::name, IdCardFields::sex,
            IdCardFields::nation, IdCardFields::birth, IdCardFields::number, IdCardFields::address);
    private static final List<String> NAMES = List.of("name", "sex", "nation", "birth", "number", "address");
    static final int FIELD_COUNT = FIELDS.size();

    private SampleCard() {
    }

    static BufferedImage image() {
        try (InputStream in = SampleCard.class.getResourceAsStream("sample-card.jpg")) {
            return ImageIO.read(Objects.requireNonNull(in, "sample-card.jpg"));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the fields read otherwise than printed; never their values, which would reach a dialog. */
    static List<String> wrongFields(final IdCardFields read) {
        final List<String> wrong = new ArrayList<>();
        for (int i = 0; i < FIELDS.size(); i++) {
            if (!Objects.equals(FIELDS.get(i).apply(PRINTED), FIELDS.get(i).apply(read))) {
                wrong.add(NAMES.get(i));
            }
        }
        return wrong;
    }
}
