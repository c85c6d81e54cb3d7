package dev.nifiidcard.ocr;

/**
 * A warning as reported by the provider: the neutral name and the provider's own code.
 *
 * @param warning      neutral name
 * @param providerCode the provider's code, for example {@code -9102}
 */
public record ReportedWarning(CardWarning warning, String providerCode) {
}
