package dev.nifiidcard.processors;

import dev.nifiidcard.ocr.IdCardOcrException;
import dev.nifiidcard.ocr.IdCardOcrService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link SignAndRecognizeIdCard} sends a FlowFile whose recognition produced no card, and the provenance of every
 * image that left the system. Nothing here waits: a FlowFile that cannot be served now goes back to its queue or to
 * retry, and the processor yields.
 */
final class FailureRouting {

    /** How long after the account or its credentials were refused the processor leaves the queue alone. */
    static final Duration ACCOUNT_RECHECK = Duration.ofSeconds(10);

    private final ComponentLog log;
    private final Clock clock;

    /** Until when no FlowFile is taken, after the provider refused the account or its credentials. */
    private volatile Instant accountRecheckAt = Instant.MIN;

    FailureRouting(final ComponentLog log, final Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Whether the account was refused so recently that every call would be refused too. */
    boolean accountOnHold() {
        return clock.instant().isBefore(accountRecheckAt);
    }

    /** A restart is an operator's act, typically after fixing the credentials: try at once. */
    void releaseAccount() {
        accountRecheckAt = Instant.MIN;
    }

    /**
     * A recognition that failed. The service's own rate limit had no call free: the FlowFile goes back unpenalized and
     * the processor yields. The account or credentials were refused: it stays queued ({@link #keepQueued}). Otherwise it
     * goes to retry when the same image may succeed later, and to failure when it cannot or when sending it again may be
     * billed twice (unless {@code retryAfterAnswerLost}).
     */
    void failed(final ProcessContext context, final ProcessSession session, final FlowFile flowFile, final IdCardOcrService service,
                final IdCardOcrException e, final boolean retryAfterAnswerLost, final long startedNanos) {
        if (e.getCategory() == IdCardOcrException.Category.RATE_LIMITED) {
            session.rollback();
            context.yield();
            return;
        }
        if (e.getRequestId() != null || e.isAnswerLost()) {
            // the image left the system: answered, or sent whole with its answer lost (and maybe recognized)
            final String what = e.getRequestId() != null ? " answered " + e.getCode() : ": sent whole, answer lost (" + e.getCode() + ")";
            send(session, flowFile, service, what, e.getRequestId(), startedNanos);
        }
        if (e.getCategory().affectsEveryCall()) {
            keepQueued(context, session, flowFile, service, e);
            return;
        }
        final boolean retry = e.isRetryable() && (!e.isAnswerLost() || retryAfterAnswerLost);
        route(session, flowFile, retry ? SignAndRecognizeIdCard.REL_RETRY : SignAndRecognizeIdCard.REL_FAILURE,
                RecognitionOutcome.failure(e.getCode(), e.getMessage(), e.isRetryable(), service.getProviderName(), e.getRequestId()));
    }

    /**
     * The account, not the image, is refused (credentials, arrears, service not opened): every FlowFile would fail the
     * same way, so this one goes back to its queue, unpenalized, and for {@link #ACCOUNT_RECHECK} the processor takes no
     * FlowFile and makes no call, yielding instead; then one FlowFile tries again. One error (a bulletin) per recheck
     * says why. The SEND of an image that reached the provider stays in the lineage: NiFi records a SEND at once.
     */
    private void keepQueued(final ProcessContext context, final ProcessSession session, final FlowFile flowFile,
                            final IdCardOcrService service, final IdCardOcrException e) {
        final boolean account = e.getCategory() == IdCardOcrException.Category.ACCOUNT;
        accountRecheckAt = clock.instant().plus(ACCOUNT_RECHECK);
        log.error("{} refused the {} ({}: {}): {} stays queued, and the processor calls again in {} s or when restarted; "
                        + "no FlowFile goes to failure for it", service.getProviderName(), account ? "account" : "credentials",
                e.getCode(), e.getMessage(), flowFile, ACCOUNT_RECHECK.toSeconds());
        session.transfer(flowFile);
        context.yield();
    }

    /** A FlowFile that did not produce a card: to failure, or penalized to retry, with idcard.error.* saying why. */
    void route(final ProcessSession session, final FlowFile flowFile, final Relationship relationship, final RecognitionOutcome failure) {
        final Map<String, String> attributes = failure.attributes();
        FlowFile failed = session.putAllAttributes(flowFile, attributes);
        if (relationship.equals(SignAndRecognizeIdCard.REL_RETRY)) {
            failed = session.penalize(failed);
        }
        log.warn("Recognition of {} failed with {}: {}; routing to {}", failed, attributes.get(IdCardAttributes.ERROR_CODE),
                attributes.get(IdCardAttributes.ERROR_MESSAGE), relationship.getName());
        session.transfer(failed, relationship);
    }

    /**
     * A provenance SEND naming the provider and its request id: never a field of the card. None for a local service,
     * whose images never leave the host.
     */
    static void send(final ProcessSession session, final FlowFile flowFile, final IdCardOcrService service, final String what,
                     final String requestId, final long startedNanos) {
        if (service.isLocal()) {
            return;
        }
        session.getProvenanceReporter().send(flowFile, service.getTransitUri(),
                service.getProviderName() + what + (requestId == null ? "" : " (request " + requestId + ")"),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }
}
