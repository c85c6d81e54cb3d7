package dev.nifiidcard.offline.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.CardWarning;
import dev.nifiidcard.ocr.IdCardFields;
import dev.nifiidcard.ocr.ReportedWarning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final CardReader READER = new CardReader(0.9f, 0.2f);

    /** Lines where the specimen card prints them (millimetres × 20 as pixels, 60 px high lines). */
    private static List<CardLine> front(final String name, final String sexNation, final String birth, final List<String> address, final String number) {
        final List<CardLine> lines = new ArrayList<>();
        lines.add(line("姓名", 170, 200, 100));
        // a name line is as wide as its characters: 0.83 of the line's height each
        lines.add(line(name, 420, 200, 50 * name.length()));
        lines.add(line("性别 " + sexNation, 500, 340, 700));
        lines.add(line("出生 " + birth, 500, 480, 700));
        lines.add(line("住址 " + address.get(0), 560, 620, 820));
        // 住址 at 31 mm, the number at 48.5 mm: 3.37 address rows apart
        for (int i = 1; i < address.size(); i++) {
            // rows under 住址 start in the value column; a short last row ends the address
            final double width = 64.0 * address.get(i).length();
            lines.add(line(address.get(i), 270 + width / 2, 620 + 104 * i, width));
        }
        lines.add(line("公民身份号码", 250, 970, 330));
        lines.add(line(number, 900, 972, 700));
        return lines;
    }

    private static CardLine line(final String text, final double x, final double y, final double width) {
        return new CardLine(ReadText.certain(text), x, y, width, 60);
    }

    @Test
    void readsTheFrontsFieldsNormalized() {
        final CardReading card = READER.read(front("张伟", "男 民族 汉", "1960年3月15日", List.of("北京市石景山区样本街道", "示例胡同8号"),
                "110107196003151238"), TODAY);
        assertEquals(CardSide.FRONT, card.side());
        final IdCardFields fields = card.fields();
        assertEquals("张伟", fields.name());
        assertEquals("男", fields.sex());
        assertEquals("汉", fields.nation());
        assertEquals("1960-03-15", fields.birth());
        assertEquals("北京市石景山区样本街道示例胡同8号", fields.address());
        assertEquals("110107196003151238", fields.number());
        assertEquals(List.of(), card.warnings());
    }

    @Test
    void aSpecimenMarkAcrossTheCardIsNoField() {
        final List<CardLine> lines = new ArrayList<>(front("刘洋", "女民族汉", "1995年5月13日", List.of("广东省深圳市南山区科技", "园样本路1号"),
                "440305199505132561"));
        lines.add(line("样本 SPECIMEN", 800, 640, 900));
        final CardReading card = READER.read(lines, TODAY);
        assertEquals("广东省深圳市南山区科技园样本路1号", card.fields().address());
        assertEquals(List.of(), card.warnings());
    }

    @Test
    void doubtsBecomeFieldUncertainWarnings() {
        final List<CardLine> lines = new ArrayList<>(front("余明", "男民族汊", "1987年1月1日", List.of("北京市"), "440524198701010015"));
        final ReadText unsure = new ReadText("北京市", new float[] {0.99f, 0.6f, 0.99f}, "\0\0\0", new float[3], new boolean[3]);
        lines.set(4, new CardLine(ReadText.certain("住址").concat(unsure), 560, 620, 820, 60));
        final CardReading card = READER.read(lines, TODAY);
        assertEquals(List.of("name.look-alike", "nation.unknown", "number.check-digit", "address.low-confidence"),
                card.warnings().stream().map(ReportedWarning::providerCode).sorted(CardReaderTest::byField).toList());
        assertTrue(card.warnings().stream().allMatch(w -> w.warning() == CardWarning.FIELD_UNCERTAIN));
    }

    @Test
    void aMissingRowIsAMissingField() {
        final List<CardLine> lines = new ArrayList<>(front("张伟", "男民族汉", "1960年3月15日", List.of("北京市"), "110107196003151238"));
        lines.remove(3);
        final CardReading card = READER.read(lines, TODAY);
        assertNull(card.fields().birth());
        assertEquals(List.of("birth.missing"), card.warnings().stream().map(ReportedWarning::providerCode).toList());
    }

    @Test
    void readsTheBackWithLongTermAndChecksTheTerm() {
        final List<CardLine> back = List.of(line("中华人民共和国", 900, 280, 700), line("居民身份证", 900, 500, 800),
                line("签发机关 北京市公安局石景山分局", 900, 820, 1000), line("有效期限 2010.04.20-长期", 900, 960, 900));
        final CardReading card = READER.read(back, TODAY);
        assertEquals(CardSide.BACK, card.side());
        assertEquals("北京市公安局石景山分局", card.fields().authority());
        assertEquals("2010-04-20", card.fields().validFrom());
        assertEquals(IdCardFields.LONG_TERM, card.fields().validUntil());
        assertEquals(List.of(), card.warnings());

        final CardReading misread = READER.read(List.of(back.get(2), line("有效期限 2017.08.12-2037.06.12", 900, 960, 900)), TODAY);
        assertEquals("2037-06-12", misread.fields().validUntil());
        assertEquals(List.of("validity.inconsistent"), misread.warnings().stream().map(ReportedWarning::providerCode).toList());
    }

    @Test
    void linesOfNeitherSideRecognizeNothing() {
        assertTrue(READER.read(List.of(line("桌面", 100, 100, 100)), TODAY).fields().isEmpty());
    }

    @Test
    void aLostAddressRowIsDoubted() {
        // a full first row, then nothing until the number: the second row was there but not read (glare)
        final List<CardLine> lines = front("张伟", "男民族汉", "1960年3月15日", List.of("北京市石景山区样本街"), "110107196003151238");
        lines.set(4, new CardLine(ReadText.certain("住址北京市石景山区样本街道"), 560, 620, 820, 60));
        assertEquals(List.of("address.incomplete"), READER.read(lines, TODAY).warnings().stream().map(ReportedWarning::providerCode).toList());

        final List<CardLine> hole = front("张伟", "男民族汉", "1960年3月15日", List.of("北京市石景山区样本街", "道示例", "胡同8号"), "110107196003151238");
        hole.remove(5);
        assertEquals(List.of("address.incomplete"), READER.read(hole, TODAY).warnings().stream().map(ReportedWarning::providerCode).toList());
    }

    @Test
    void aHoleInsideANameIsDoubted() {
        // 禤 outside what the model reads well: dropped, leaving a character's room between 冯 and 文
        final ReadText name = ReadText.ofLine("冯文明", new float[] {0.99f, 0.99f, 0.99f}, "\0\0\0", new float[3], new float[] {3, 15, 21}, 24);
        final List<CardLine> lines = front("冯文明", "男民族汉", "1960年3月15日", List.of("北京市"), "110107196003151238");
        lines.set(1, new CardLine(name, 420, 200, 150, 60));
        assertEquals(List.of("name.gap"), READER.read(lines, TODAY).warnings().stream().map(ReportedWarning::providerCode).toList());
    }

    @Test
    void aNameLineWithRoomForACharacterItDidNotReadIsDoubted() {
        // 刘畲萍 printed, 畲 dropped: the line is three characters wide and holds two
        final List<CardLine> lines = front("刘萍", "女民族汉", "1995年5月13日", List.of("北京市"), "440305199505132561");
        lines.set(1, line("刘萍", 420, 200, 150));
        assertEquals(List.of("name.gap"), READER.read(lines, TODAY).warnings().stream().map(ReportedWarning::providerCode).toList());
    }

    @Test
    void aNumberThatAgreesWithTheBirthLineVouchesForItsUnsureBirthDigits() {
        final float[] confidence = new float[18];
        java.util.Arrays.fill(confidence, 0.99f);
        confidence[8] = 0.6f;
        confidence[11] = 0.7f;
        final ReadText number = new ReadText("440524198701010014", confidence, "\0".repeat(18), new float[18], new boolean[18]);
        final List<CardLine> lines = front("李明", "男民族汉", "1987年1月1日", List.of("北京市"), "440524198701010014");
        lines.set(lines.size() - 1, new CardLine(number, 900, 972, 700, 60));
        assertEquals(List.of(), READER.read(lines, TODAY).warnings());

        // two unsure digits outside the birth date: the check character cannot vouch for both
        final float[] outside = confidence.clone();
        outside[8] = 0.99f;
        outside[11] = 0.99f;
        outside[2] = 0.6f;
        outside[15] = 0.6f;
        lines.set(lines.size() - 1, new CardLine(new ReadText("440524198701010014", outside, "\0".repeat(18), new float[18], new boolean[18]),
                900, 972, 700, 60));
        assertEquals(List.of("number.low-confidence"), READER.read(lines, TODAY).warnings().stream().map(ReportedWarning::providerCode).toList());
    }

    private static int byField(final String a, final String b) {
        final List<String> order = List.of("name", "sex", "nation", "birth", "number", "address");
        return Integer.compare(order.indexOf(a.substring(0, a.indexOf('.'))), order.indexOf(b.substring(0, b.indexOf('.'))));
    }
}
