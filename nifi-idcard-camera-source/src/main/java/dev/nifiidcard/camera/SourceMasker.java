package dev.nifiidcard.camera;

import java.util.regex.Pattern;

/**
 * Removes credentials from camera sources, and from messages that quote them, before they reach attributes, logs or
 * provenance. Errs on the side of masking: people paste raw passwords containing {@code @ / ? #} into camera URLs.
 */
public final class SourceMasker {

    /** Everything between a scheme and the last {@code @} of the same whitespace-free token is user info. */
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^\\s\"'<>]*@");
    /** Query parameters that commonly carry secrets in camera URLs. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&](?:pass|password|pwd|passwd|token|auth|key|secret|access_token|sig|signature)=)[^&#\\s\"'<>]*");

    private SourceMasker() {
    }

    public static String mask(final String text) {
        if (text == null) {
            return null;
        }
        final String withoutUser = USER_INFO.matcher(text).replaceAll("$1***@");
        return SECRET_PARAMETER.matcher(withoutUser).replaceAll("$1***");
    }
}
