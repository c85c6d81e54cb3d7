package dev.nifiidcard.demo.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.camera.specimen.SpecimenCard;
import dev.nifiidcard.camera.specimen.SpecimenPerson;
import dev.nifiidcard.camera.specimen.SpecimenRenderer;
import dev.nifiidcard.camera.specimen.SpecimenScene;

import java.util.Base64;

/** Specimen JPEGs rendered by the camera module, and IDCardOCR request bodies carrying them. */
final class Specimens {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Specimens() {
    }

    static byte[] card(final SpecimenPerson person, final SpecimenCard.Side side) {
        return new SpecimenRenderer().jpeg(SpecimenScene.emptyDesk(640, 360).withCard(new SpecimenCard(person, side), 0.6), 0.85f);
    }

    /** A desk without a card: a real JPEG without specimen metadata. */
    static byte[] emptyDesk() {
        return new SpecimenRenderer().jpeg(SpecimenScene.emptyDesk(640, 360), 0.85f);
    }

    static String body(final byte[] image, final String cardSide, final String config) {
        final var body = MAPPER.createObjectNode().put("ImageBase64", Base64.getEncoder().encodeToString(image));
        if (cardSide != null) {
            body.put("CardSide", cardSide);
        }
        if (config != null) {
            body.put("Config", config);
        }
        return body.toString();
    }
}
