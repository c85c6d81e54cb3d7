package dev.nifiidcard.offline.ocr;

import dev.nifiidcard.cardgen.CjkFonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random names and numbers on cards shot in ten ways; prints the exact-read rate of each field per way and
 * requires every number and every name to be read (a name may share its line with its label, as DB joins them when
 * the card is small: splitting them is the card parser's job).
 */
class OcrAccuracyTest {

    private static final String[] NAMES = {"王芳", "李娜", "刘洋", "陈静", "杨磊", "黄敏", "赵强", "周杰", "吴秀英", "徐明",
        "孙丽", "马超", "朱婷", "胡军", "郭涛", "何平", "林峰", "高洁", "罗勇", "郑伟", "欧阳娜娜", "梁晓东"};
    private static final int CARDS_PER_WAY = 2;

    private static OcrModels models;
    private static OcrEngine engine;

    @BeforeAll
    static void loadModels() throws Exception {
        models = OcrModels.load(1);
        engine = new OcrEngine(models);
    }

    @AfterAll
    static void closeModels() throws Exception {
        models.close();
    }

    private record Way(String name, int rotation, UnaryOperator<BufferedImage> shoot) {
    }

    @Test
    void readsEveryNumberAndNameWhateverTheWayTheCardWasShot() throws Exception {
        final List<Way> ways = List.of(
                new Way("upright", 0, image -> image),
                new Way("turned 90", 90, image -> TestImages.turnedCounterClockwise(image, 1)),
                new Way("turned 180", 180, image -> TestImages.turnedCounterClockwise(image, 2)),
                new Way("turned 270", 270, image -> TestImages.turnedCounterClockwise(image, 3)),
                new Way("tilted 8", 0, image -> TestImages.tilted(image, 8)),
                new Way("tilted -15", 0, image -> TestImages.tilted(image, -15)),
                new Way("blurred noisy jpeg 50", 0,
                        image -> TestImages.jpeg(TestImages.noisy(TestImages.blurred(TestImages.tilted(image, 5)), 8, 3), 0.5f)),
                new Way("card 36% of the frame", 0, image -> TestImages.shrunk(image, 0.6)),
                new Way("card 27% of the frame", 0, image -> TestImages.shrunk(image, 0.45)),
                new Way("36%, blurred noisy jpeg 60", 0, image -> TestImages.jpeg(TestImages.noisy(TestImages.blurred(
                        TestImages.shrunk(TestImages.tilted(image, -6), 0.6)), 6, 5), 0.6f)));
        final Random random = new Random(7);
        final List<String> misses = new ArrayList<>();
        for (final Way way : ways) {
            int names = 0;
            int numbers = 0;
            int addresses = 0;
            int rotations = 0;
            for (int i = 0; i < CARDS_PER_WAY; i++) {
                final CjkFonts family = CjkFonts.ALL.get(i % 2);
                final String name = NAMES[random.nextInt(NAMES.length)];
                final String number = randomNumber(random);
                final OcrPage page = engine.read(way.shoot().apply(TestImages.card(family, name, number)));
                final List<String> texts = page.lines().stream().map(TextLine::text).toList();
                names += texts.contains(name) ? 1 : 0;
                numbers += texts.contains(number) ? 1 : 0;
                addresses += texts.contains(TestImages.ADDRESS_1) ? 1 : 0;
                rotations += page.rotation() == way.rotation() ? 1 : 0;
                if (!texts.contains(number) || texts.stream().noneMatch(text -> text.replace(" ", "").endsWith(name))) {
                    misses.add(way.name() + ", " + family + ": " + texts);
                }
            }
            System.out.printf("%-28s of %d: name alone on its line %d, number %d, address %d, rotation %d%n", way.name(),
                    CARDS_PER_WAY, names, numbers, addresses, rotations);
        }
        assertEquals(List.of(), misses);
    }

    private static String randomNumber(final Random random) {
        final StringBuilder number = new StringBuilder();
        for (int digit = 0; digit < 17; digit++) {
            number.append(random.nextInt(10));
        }
        return number.append(random.nextInt(11) == 10 ? "X" : Integer.toString(random.nextInt(10))).toString();
    }
}
