package dev.nifiidcard.bench.offline;

import dev.nifiidcard.ocr.CardSide;
import dev.nifiidcard.ocr.IdCardFields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * How one card came out: each field the side carries read exactly or not, the route, and what it cost.
 *
 * @param side     the side photographed
 * @param exact    per field name, whether it was read exactly as printed
 * @param route    success, warning, failure or retry
 * @param warnings the idcard.warnings written, for example FIELD_UNCERTAIN,EXPIRED
 * @param cpuNanos process CPU time of the recognition
 * @param traits   what the generator applied to the photo
 */
record CardScore(CardSide side, Map<String, Boolean> exact, String route, String warnings, long cpuNanos, Set<String> traits) {

    static final Map<String, Function<IdCardFields, String>> FRONT = fields(List.of("name", "sex", "nation", "birth", "number", "address"),
            List.of(IdCardFields::name, IdCardFields::sex, IdCardFields::nation, IdCardFields::birth, IdCardFields::number, IdCardFields::address));
    static final Map<String, Function<IdCardFields, String>> BACK = fields(List.of("authority", "validFrom", "validUntil"),
            List.of(IdCardFields::authority, IdCardFields::validFrom, IdCardFields::validUntil));

    static CardScore of(final CardSide side, final IdCardFields truth, final IdCardFields read, final String route, final String warnings,
                        final long cpuNanos, final Set<String> traits) {
        final Map<String, Boolean> exact = new LinkedHashMap<>();
        (side == CardSide.FRONT ? FRONT : BACK).forEach((name, field) -> exact.put(name, read != null
                && Objects.equals(field.apply(truth), field.apply(read))));
        return new CardScore(side, exact, route, warnings == null ? "" : warnings, cpuNanos, traits);
    }

    boolean wholeCardExact() {
        return exact.values().stream().allMatch(Boolean::booleanValue);
    }

    boolean numberExact() {
        return Boolean.TRUE.equals(exact.get("number"));
    }

    /**
     * Whether the cascade would pay a cloud call for it: a warning for a doubt the cloud can settle (an uncertain field,
     * an inconsistent number), not one it cannot change (an expired card).
     */
    boolean needsCloud() {
        return "warning".equals(route) && (warnings.contains("FIELD_UNCERTAIN") || warnings.contains("INVALID_ID_NUMBER"));
    }

    boolean isSuccess() {
        return "success".equals(route);
    }

    private static Map<String, Function<IdCardFields, String>> fields(final List<String> names, final List<Function<IdCardFields, String>> getters) {
        final Map<String, Function<IdCardFields, String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), getters.get(i));
        }
        return fields;
    }
}
