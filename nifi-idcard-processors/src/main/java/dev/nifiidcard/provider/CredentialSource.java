package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where a provider's credential comes from: a static key, or a credential the provider issues and refuses once stale.
 *
 * @param <K> the credential
 */
public interface CredentialSource<K> {

    /** The credential to use now, obtained first when there is none or it is about to expire. */
    K current() throws IdCardOcrException;

    /** Drops a credential the provider refused as stale, so that {@link #current()} obtains a new one. */
    void renew(K stale);

    /** What the credential is called in messages, for example {@code access token}. */
    String name();

    /** The strings of this credential that must never appear in a failure message. */
    List<String> secrets(K credential);

    /** A key that never changes: renewing it changes nothing. Null secrets (an optional part not set) are left out. */
    static <K> CredentialSource<K> fixed(final String name, final K key, final String... secrets) {
        final List<String> redacted = Stream.of(secrets).filter(Objects::nonNull).toList();
        return new CredentialSource<>() {
            @Override
            public K current() {
                return key;
            }

            @Override
            public void renew(final K stale) {
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> secrets(final K credential) {
                return redacted;
            }
        };
    }
}
