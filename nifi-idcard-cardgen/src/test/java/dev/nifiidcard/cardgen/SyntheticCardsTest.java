package dev.nifiidcard.cardgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nifiidcard.camera.specimen.CardHolder;
import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCardsTest {

    @Test
    void theSameSeedGivesTheSameBytesAnotherSeedOthers() {
        final SyntheticCard card = SyntheticCards.generate(42);
        assertArrayEquals(card.jpeg(), SyntheticCards.generate(42).jpeg());
        assertEquals(card.traits(), SyntheticCards.generate(42).traits());
        assertFalse(Arrays.equals(card.jpeg(), SyntheticCards.generate(43).jpeg()));
    }

    @Test
    void photosAreFullHdJpegsWithTheTruthOfTheirSide() throws IOException {
        for (final SyntheticCard card : SyntheticCards.stream(100, 3).toList()) {
            final BufferedImage photo = ImageIO.read(new ByteArrayInputStream(card.jpeg()));
            assertEquals(1920, photo.getWidth());
            assertEquals(1080, photo.getHeight());
            assertEquals(card.side(), card.truth().inferSide());
            assertEquals(card.traits(), SyntheticCards.traits(card.seed()), "traits known without drawing");
        }
    }

    @Test
    void theTruthOfEachSideIsNormalizedAsProvidersReportIt() {
        final CardHolder holder = SyntheticCards.holder(5);
        final IdCardFields front = SyntheticCards.truth(holder, CardSide.FRONT);
        assertEquals(holder.birth().toString(), front.birth());
        assertEquals(18, front.number().length());
        assertNull(front.authority());
        assertNull(front.validUntil());
        final IdCardFields back = SyntheticCards.truth(holder, CardSide.BACK);
        assertNull(back.name());
        assertNull(back.address());
        assertEquals(holder.validFrom().toString(), back.validFrom());
        final CardHolder longTerm = LongStream.range(0, 100).mapToObj(SyntheticCards::holder)
                .filter(person -> person.validUntil() == null).findFirst().orElseThrow();
        assertEquals(IdCardFields.LONG_TERM, SyntheticCards.truth(longTerm, CardSide.BACK).validUntil());
    }

    @Test
    void everyTraitAppearsInAThousandCardsInItsShare() {
        final Map<String, Integer> counts = new HashMap<>();
        for (long seed = 0; seed < 1_000; seed++) {
            SyntheticCards.traits(seed).forEach(trait -> counts.merge(trait, 1, Integer::sum));
        }
        for (final String trait : CardTraits.ALL) {
            assertTrue(counts.getOrDefault(trait, 0) >= 10, trait + " on " + counts.get(trait) + " cards");
        }
        assertEquals(Set.copyOf(CardTraits.ALL), counts.keySet(), "no trait without a name in ALL");
        final int serif = counts.get("serif");
        assertTrue(serif > 400 && serif < 600, serif + " serif cards");
        final int turned = counts.get("rot90") + counts.get("rot180") + counts.get("rot270");
        assertTrue(turned > 60 && turned < 140, turned + " turned cards");
    }

    @Test
    void writesPhotosAndATruthTable(@TempDir final Path directory) throws IOException {
        WriteSyntheticCards.main(new String[] {directory.toString(), "2", "7"});

        final List<String> rows = Files.readAllLines(directory.resolve("truth.tsv"), StandardCharsets.UTF_8);
        assertEquals(WriteSyntheticCards.HEADER, rows.getFirst());
        assertEquals(3, rows.size());
        for (int i = 1; i < rows.size(); i++) {
            final String[] columns = rows.get(i).split("\t", -1);
            assertEquals(12, columns.length, rows.get(i));
            assertArrayEquals(SyntheticCards.generate(6 + i).jpeg(), Files.readAllBytes(directory.resolve(columns[0])));
        }
        assertNotNull(ImageIO.read(directory.resolve("card-7.jpg").toFile()));
    }
}
