package dev.nifiidcard.provider;

import dev.nifiidcard.ocr.IdCardOcrException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A provider credential (access token, signing ticket) fetched on demand, kept until shortly before it expires and
 * fetched again by one caller at a time: while a fetch runs, every other caller waits for its result instead of
 * starting its own (single flight). A provider that refuses a credential gets it replaced through {@link #renew}.
 *
 * @param <T> the credential
 */
public final class TokenCache<T> implements CredentialSource<T> {

    /** A credential and when it stops being accepted. */
    public record Expiring<T>(T value, Instant expiresAt) {
        public Expiring {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            // the value is a secret: never let it reach a log through toString()
            return "Expiring[value withheld, expiresAt=" + expiresAt + "]";
        }
    }

    /** Asks the provider for a new credential. */
    @FunctionalInterface
    public interface Fetcher<T> {
        Expiring<T> fetch() throws IdCardOcrException;
    }

    private final String name;
    private final Fetcher<T> fetcher;
    private final Duration refreshMargin;
    private final Clock clock;

    private Expiring<T> current;
    private CompletableFuture<Expiring<T>> inFlight;

    /**
     * @param name          what the credential is called in messages, for example {@code access token}
     * @param refreshMargin how long before expiry a credential is replaced, so that it never expires on the way
     */
    public TokenCache(final String name, final Fetcher<T> fetcher, final Duration refreshMargin, final Clock clock) {
        this.name = name;
        this.fetcher = fetcher;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
    }

    /** The current credential, fetched first when there is none or it is about to expire. */
    @Override
    public T current() throws IdCardOcrException {
        return expiring().value();
    }

    /** The current credential with its expiry, fetched first when there is none or it is about to expire. */
    public Expiring<T> expiring() throws IdCardOcrException {
        final CompletableFuture<Expiring<T>> fetch;
        final boolean mine;
        synchronized (this) {
            if (current != null && clock.instant().isBefore(current.expiresAt().minus(refreshMargin))) {
                return current;
            }
            mine = inFlight == null;
            if (mine) {
                inFlight = new CompletableFuture<>();
            }
            fetch = inFlight;
        }
        if (mine) {
            return fetchAndPublish(fetch);
        }
        return await(fetch);
    }

    /**
     * Drops a credential the provider refused, so that the next {@link #current()} fetches a new one. Only drops it when
     * it is still the current one: many callers refused with the same stale credential cause one fetch, not many.
     */
    @Override
    public synchronized void renew(final T refused) {
        if (current != null && current.value().equals(refused)) {
            current = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The credential itself is the secret. */
    @Override
    public List<String> secrets(final T credential) {
        return List.of(String.valueOf(credential));
    }

    private Expiring<T> fetchAndPublish(final CompletableFuture<Expiring<T>> fetch) throws IdCardOcrException {
        try {
            final Expiring<T> fetched = fetcher.fetch();
            synchronized (this) {
                current = fetched;
                inFlight = null;
            }
            fetch.complete(fetched);
            return fetched;
        } catch (final IdCardOcrException | RuntimeException | Error e) {
            // whatever ends the fetch ends the flight: otherwise every later caller would wait for it forever
            synchronized (this) {
                inFlight = null;
            }
            fetch.completeExceptionally(e);
            throw e;
        }
    }

    private Expiring<T> await(final CompletableFuture<Expiring<T>> fetch) throws IdCardOcrException {
        try {
            return fetch.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdCardOcrException(IdCardOcrException.LOCAL + "Interrupted", "Interrupted while waiting for a provider credential",
                    IdCardOcrException.Category.LOCAL, true, null, e);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof IdCardOcrException failure) {
                // the fetching caller's failure, seen by each waiting caller with its own stack
                throw new IdCardOcrException(failure.getCode(), failure.getMessage(), failure.getCategory(), failure.isRetryable(),
                        failure.getRequestId(), failure, failure.isAnswerLost());
            }
            throw new IllegalStateException("Fetching a provider credential failed", e.getCause());
        }
    }
}
