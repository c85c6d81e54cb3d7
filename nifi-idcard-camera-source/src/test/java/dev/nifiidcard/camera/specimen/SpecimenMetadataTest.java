package dev.nifiidcard.camera.specimen;

import dev.nifiidcard.camera.gate.JpegSegments;
import dev.nifiidcard.camera.gate.ScaledJpegDecoder;
import dev.nifiidcard.commons.jpeg.JpegMarkers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecimenMetadataTest {

    private final SpecimenRenderer renderer = new SpecimenRenderer();

    @Test
    void cardFieldsRoundTripThroughTheJpeg() throws Exception {
        for (final SpecimenCard card : SpecimenCard.CYCLE) {
            final byte[] jpeg = renderer.jpeg(SpecimenScene.emptyDesk(320, 180).withCard(card, 0.6), 0.8f);

            final Map<String, String> read = SpecimenMetadata.read(jpeg).orElseThrow();

            assertEquals(card.fields(), read);
            assertEquals(card.fields().keySet().stream().toList(), read.keySet().stream().toList(), "in the order written");
            assertNotNull(ImageIO.read(new ByteArrayInputStream(jpeg)), "still a JPEG ImageIO reads");
            assertFalse(ScaledJpegDecoder.decode(jpeg, 4).fallback(), "and one the fast decoder reads");
        }
    }

    @Test
    void fieldsOfEachSide() {
        final Map<String, String> front = new SpecimenCard(SpecimenPerson.LI_MING, SpecimenCard.Side.FRONT).fields();
        assertEquals(Map.of("side", "front", "name", "李明", "sex", "男", "nation", "汉", "birth", "1987-01-01",
                "number", "440524198701010014", "address", "北京市石景山区高新技术园腾讯大楼"), front);

        final Map<String, String> back = new SpecimenCard(SpecimenPerson.LI_MING, SpecimenCard.Side.BACK).fields();
        assertEquals(Map.of("side", "back", "authority", "深圳市公安局南山分局", "validFrom", "2017-08-12", "validUntil", "2037-08-12"), back);
        assertEquals("long-term", new SpecimenCard(SpecimenPerson.ZHANG_WEI, SpecimenCard.Side.BACK).fields().get("validUntil"));
    }

    @Test
    void theCommentIsAsciiAfterTheJfifHeader() throws Exception {
        final byte[] jpeg = renderer.jpeg(SpecimenScene.emptyDesk(320, 180).withCard(SpecimenCard.CYCLE.get(0), 0.6), 0.8f);
        final var segments = JpegSegments.read(jpeg);

        assertEquals(0xE0, segments.getFirst().marker(), "JFIF APP0 stays first");
        final var comment = segments.stream().filter(s -> s.marker() == JpegMarkers.COM).findFirst().orElseThrow();
        final String text = new String(jpeg, comment.offset(), comment.length(), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith(SpecimenMetadata.COMMENT_PREFIX + "{\"side\":\"front\""), text);
        assertTrue(text.chars().allMatch(c -> c >= 0x20 && c < 0x7F), text);
    }

    @Test
    void framesWithoutACardAndOtherBytesHaveNone() {
        assertTrue(SpecimenMetadata.read(renderer.jpeg(SpecimenScene.emptyDesk(320, 180), 0.8f)).isEmpty());
        assertTrue(SpecimenMetadata.read("not a jpeg".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(SpecimenMetadata.read(new byte[0]).isEmpty());
    }
}
