package dev.nifiidcard.camera.specimen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One side of a specimen card.
 *
 * @param person whose card it is
 * @param side   which side faces the camera
 */
public record SpecimenCard(SpecimenPerson person, Side side) {

    public enum Side {
        /** Portrait, name, sex, nation, birth, address and ID number. */
        FRONT,
        /** National emblem, issuing authority and validity. */
        BACK
    }

    /** The cards the specimen camera presents in turn: front and back of each person. */
    public static final List<SpecimenCard> CYCLE = SpecimenPerson.ALL.stream()
            .flatMap(person -> Stream.of(new SpecimenCard(person, Side.FRONT), new SpecimenCard(person, Side.BACK)))
            .toList();

    /**
     * The printed fields, as the specimen metadata carries them: {@code side} ({@code front} or {@code back}), then
     * {@code name, sex, nation, birth} (yyyy-MM-dd){@code , number, address} for the front or
     * {@code authority, validFrom, validUntil} (yyyy-MM-dd, or {@code long-term}) for the back.
     */
    public Map<String, String> fields() {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("side", side == Side.FRONT ? "front" : "back");
        if (side == Side.FRONT) {
            fields.put("name", person.name());
            fields.put("sex", person.sex());
            fields.put("nation", person.nation());
            fields.put("birth", person.birth().toString());
            fields.put("number", person.number());
            fields.put("address", person.address());
        } else {
            fields.put("authority", person.authority());
            fields.put("validFrom", person.validFrom().toString());
            fields.put("validUntil", person.validUntil() == null ? "long-term" : person.validUntil().toString());
        }
        return fields;
    }
}
