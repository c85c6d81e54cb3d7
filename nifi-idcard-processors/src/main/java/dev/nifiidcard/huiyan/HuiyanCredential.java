package dev.nifiidcard.huiyan;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token or a SIGN ticket and the instant this service stops using it. Never printed: its value is a secret.
 *
 * @param value     the token or ticket
 * @param expiresAt when it must no longer be used
 */
record HuiyanCredential(String value, Instant expiresAt) {

    HuiyanCredential {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "HuiyanCredential[value withheld, expiresAt=" + expiresAt + "]";
    }
}
