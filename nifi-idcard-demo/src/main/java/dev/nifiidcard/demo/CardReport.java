package dev.nifiidcard.demo;

import dev.nifiidcard.camera.CameraAttributes;
import dev.nifiidcard.idnumber.ResidentIdNumber;
import dev.nifiidcard.processors.IdCardAttributes;
import org.apache.nifi.flowfile.FlowFile;

import java.util.StringJoiner;

/** A few readable lines about one card: the camera frame, what was recognized (ID number masked), route and timing. */
final class CardReport {

    private CardReport() {
    }

    static String format(final int cardNumber, final FlowFile frame, final FlowFile result, final String route, final long gateToRouteMillis) {
        final StringBuilder report = new StringBuilder();
        final String side = attribute(result, IdCardAttributes.SIDE, "?");
        report.append("Card ").append(cardNumber).append(": ").append(side).append(" side -> ").append(route);
        if ("failure".equals(route)) {
            report.append(" (").append(attribute(result, IdCardAttributes.ERROR_CODE, "?")).append(')');
        }
        report.append('\n');
        report.append(line("camera", frame.getAttribute(CameraAttributes.WIDTH) + "x" + frame.getAttribute(CameraAttributes.HEIGHT)
                + " frame #" + attribute(frame, CameraAttributes.SEQUENCE, "?")
                + ", gate: " + attribute(frame, CameraAttributes.GATE_VERDICT, "-")
                + ", sharpness " + attribute(frame, CameraAttributes.GATE_SHARPNESS, "-")));
        if ("failure".equals(route)) {
            report.append(line("error", attribute(result, IdCardAttributes.ERROR_MESSAGE, "")
                    + " (retryable: " + attribute(result, IdCardAttributes.ERROR_RETRYABLE, "?") + ")"));
        } else if ("back".equals(side)) {
            report.append(line("fields", "authority " + attribute(result, IdCardAttributes.AUTHORITY, "-")
                    + " | valid " + attribute(result, IdCardAttributes.VALID_FROM, "?") + " to " + attribute(result, IdCardAttributes.VALID_UNTIL, "?")));
        } else {
            report.append(line("fields", "name " + attribute(result, IdCardAttributes.NAME, "-")
                    + " | sex " + attribute(result, IdCardAttributes.SEX, "-")
                    + " | nation " + attribute(result, IdCardAttributes.NATION, "-")
                    + " | birth " + attribute(result, IdCardAttributes.BIRTH, "-")));
            final String number = result.getAttribute(IdCardAttributes.NUMBER);
            report.append(line("", "number " + (number == null ? "-" : ResidentIdNumber.mask(number))
                    + " (check: " + ("true".equals(result.getAttribute(IdCardAttributes.NUMBER_VALID)) ? "valid"
                    : attribute(result, IdCardAttributes.NUMBER_PROBLEM, "not checked")) + ")"));
            report.append(line("", "address " + attribute(result, IdCardAttributes.ADDRESS, "-")));
        }
        if (!"failure".equals(route)) {
            final StringJoiner warnings = new StringJoiner(", ");
            warnings.add("warnings " + attribute(result, IdCardAttributes.WARNINGS, "none"));
            warnings.add("codes " + attribute(result, IdCardAttributes.WARNING_CODES, "-"));
            warnings.add("quality " + attribute(result, IdCardAttributes.QUALITY, "-"));
            report.append(line("checks", warnings.toString()));
        }
        report.append(line("timing", "gate -> route " + gateToRouteMillis + " ms (OCR included), request "
                + attribute(result, IdCardAttributes.REQUEST_ID, "-")));
        return report.toString();
    }

    private static String line(final String label, final String text) {
        return String.format("  %-8s %s%n", label, text);
    }

    private static String attribute(final FlowFile flowFile, final String name, final String absent) {
        final String value = flowFile.getAttribute(name);
        return value == null || value.isEmpty() ? absent : value;
    }
}
