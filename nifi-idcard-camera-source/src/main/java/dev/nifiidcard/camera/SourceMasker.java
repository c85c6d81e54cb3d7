package dev.nifiidcard.camera;

import java.util.regex.Pattern;

/** Removes credentials from camera sources before they reach attributes, logs or provenance. */
public final class SourceMasker {

    /** scheme://user:password@host... and scheme://user@host... */
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@");
    /** Query parameters that commonly carry secrets in camera URLs. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&](?:pass|password|pwd|passwd|token|auth|key|secret|access_token|sig|signature)=)[^&#]*");

    private SourceMasker() {
    }

    public static String mask(final String source) {
        if (source == null) {
            return null;
        }
        final String withoutUser = USER_INFO.matcher(source).replaceFirst("$1***@");
        return SECRET_PARAMETER.matcher(withoutUser).replaceAll("$1***");
    }
}
