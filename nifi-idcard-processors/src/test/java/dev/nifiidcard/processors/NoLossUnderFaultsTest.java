package dev.nifiidcard.processors;

import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.FaultInjectingTencentServer.Fault;
import dev.nifiidcard.testing.FaultInjectingTencentServer;
import dev.nifiidcard.testing.IndexedFlowFiles;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessSession;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue "Reliability: no loss under faults": thousands of FlowFiles through a server that drops, stalls, truncates,
 * throttles and errs, with NiFi's relationship retry on for retry ({@link IndexedFlowFiles#run}). Every FlowFile must come
 * out exactly once, unchanged, with a truthful error when it failed, and a request whose answer was lost must not be sent
 * again unless the flow asked for it (it may be billed twice).
 */
class NoLossUnderFaultsTest {

    private static final byte[] BASE_JPEG = TestImages.jpeg(200, 200);
    /** Stalls cost a thread the whole read timeout: rare, but present. */
    private static final int STALL_PER_MILLE = 3;
    private static final Set<Fault> ANSWERED_A_CARD = Set.of(Fault.SUCCESS, Fault.SLOW_SUCCESS, Fault.STALL);

    /** NiFi's relationship retry for retry, as the flow designer turns it on: the retries the services once made themselves. */
    private static final int RETRIES = 2;

    /** 10,000 FlowFiles for each setting: about 6 s each since the test server's sockets are without Nagle. */
    @ParameterizedTest(name = "Retry After Answer Lost = {0}, {1} FlowFiles")
    @CsvSource({"false, 10000", "true, 10000"})
    void everyFlowFileComesOutOnceAndUnchanged(final boolean retryAfterAnswerLost, final int flowFiles) throws Exception {
        try (FaultInjectingTencentServer server = new FaultInjectingTencentServer(20240611L, STALL_PER_MILLE, 600, 20)) {
            final IndexedFlowFiles.PassingClock clock = new IndexedFlowFiles.PassingClock();
            final IndexedFlowFiles.Outcome out = runAndCheck(server, new SignAndRecognizeIdCard(clock), clock, "5000", retryAfterAnswerLost,
                    flowFiles, () -> "");

            assertTrue(server.count(Fault.STALL) > 0 && server.count(Fault.DROP_AFTER_REQUEST) > 0
                    && server.count(Fault.DROP_BEFORE_READ) > 0, "every fault kind occurred: " + server.summary());
            assertTrue(out.get(SignAndRecognizeIdCard.REL_RETRY).size() > 0, "some FlowFiles still failed after their last retry");
        }
    }

    /**
     * A quota below what four threads ask for: a trigger that finds no call free within 50 ms takes no FlowFile and
     * yields, and one whose call was taken by another task meanwhile rolls its session back; either way the FlowFile,
     * still queued and unchanged, is taken again. About 2 s: 100 FlowFiles at 50 calls/s.
     */
    @Test
    void triggersRolledBackForTheQuotaLoseNothing() throws Exception {
        try (FaultInjectingTencentServer server = new FaultInjectingTencentServer(20240611L, STALL_PER_MILLE, 600, 20)) {
            final IndexedFlowFiles.PassingClock clock = new IndexedFlowFiles.PassingClock();
            final RollbackCounting processor = new RollbackCounting(clock);
            runAndCheck(server, processor, clock, "50", false, 100,
                    () -> "triggers=" + processor.triggers.sum() + " rolledBack=" + processor.rollbacks.sum() + " ");

            // without the quota's pressure each trigger sends one request; here many took nothing or rolled back
            assertTrue(processor.triggers.sum() > 2L * server.requests(), "triggers found no call of the quota free: "
                    + processor.triggers.sum() + " triggers, " + server.requests() + " requests");
        }
    }

    /**
     * Runs the FlowFiles through the processor against the server, with this quota (Max Requests Per Second), prints the
     * summary (what {@code extra} says after the run first) and checks what every run must show.
     */
    private static IndexedFlowFiles.Outcome runAndCheck(final FaultInjectingTencentServer server, final SignAndRecognizeIdCard processor,
                                                        final IndexedFlowFiles.PassingClock clock, final String quota,
                                                        final boolean retryAfterAnswerLost, final int flowFiles,
                                                        final Supplier<String> extra) {
        final TestRunner runner = ServiceRunner.create(processor, RecognizerRunner.SERVICE_ID, new TencentCloudIdCardOcrService(),
                RecognizerRunner.CREDENTIALS, TencentCloudIdCardOcrService.ENDPOINT_URL, server.url(),
                Map.of(HttpClientProperties.MAX_REQUESTS_PER_SECOND, quota,
                        HttpClientProperties.READ_TIMEOUT, "200 ms"));
        runner.setProperty(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST, Boolean.toString(retryAfterAnswerLost));
        runner.setThreadCount(4);
        // a held queue is not expected here; should the processor hold it, NiFi's time passes while it yields
        final IndexedFlowFiles.Outcome out = IndexedFlowFiles.run(runner, BASE_JPEG, flowFiles, RETRIES,
                () -> clock.pass(FailureRouting.ACCOUNT_RECHECK));
        System.out.printf("NoLossUnderFaults retryAfterAnswerLost=%s flowfiles=%d quota=%s %s%s %s%n", retryAfterAnswerLost, flowFiles,
                quota, extra.get(), out.summary(), server.summary());

        assertEquals(0, server.refusals(), "every request was correctly signed");
        assertEquals(Map.of(), out.held(), "no FlowFile was kept queued: the server never refused the account");
        out.assertEachOnce(runner, BASE_JPEG, flowFiles,
                (route, flowFile, index) -> checkOutcome(route, flowFile, server.served().get(index), retryAfterAnswerLost));

        // one request per trigger that was not rolled back, and only retry triggers a FlowFile again
        final long resentAfterAnswerLost = IndexedFlowFiles.assertSends(server.served(), Fault::answerLost, index -> 1 + RETRIES,
                retryAfterAnswerLost);
        if (retryAfterAnswerLost) {
            assertTrue(resentAfterAnswerLost > 0, "requests whose answer was lost were sent again");
        }
        return out;
    }

    /** The processor, counting its triggers and the sessions it rolled back. */
    private static final class RollbackCounting extends SignAndRecognizeIdCard {
        private final LongAdder triggers = new LongAdder();
        private final LongAdder rollbacks = new LongAdder();

        RollbackCounting(final Clock clock) {
            super(clock);
        }

        @Override
        public void onTrigger(final ProcessContext context, final ProcessSession session) {
            triggers.increment();
            super.onTrigger(context, session);
            try {
                ((MockProcessSession) session).assertRolledBack();
                rollbacks.increment();
            } catch (final AssertionError committedLater) {
                // not rolled back: committed once onTrigger returns
            }
        }
    }

    /**
     * The route must match what the server last answered for that image, and a failure must say truthfully whether to
     * retry: retry holds only what may succeed later; failure what cannot, or an answer lost after a whole send (retryable,
     * but sent again only when the flow allows it, on retry then).
     */
    private static void checkOutcome(final Relationship relationship, final MockFlowFile flowFile, final List<Fault> served,
                                     final boolean retryAfterAnswerLost) {
        final Fault last = served == null || served.isEmpty() ? null : served.getLast();
        if (relationship == SignAndRecognizeIdCard.REL_SUCCESS || relationship == SignAndRecognizeIdCard.REL_WARNING) {
            assertTrue(ANSWERED_A_CARD.contains(last), "recognized although the server last answered " + served);
            return;
        }
        final String code = flowFile.getAttribute(IdCardAttributes.ERROR_CODE);
        assertNotNull(code, relationship.getName() + " without idcard.error.code");
        assertEquals(Boolean.toString(retryable(code)), flowFile.getAttribute(IdCardAttributes.ERROR_RETRYABLE),
                "idcard.error.retryable for " + code);
        final boolean lostLast = last != null && last.answerLost();
        if (relationship == SignAndRecognizeIdCard.REL_RETRY) {
            assertTrue(retryable(code), code + " on retry although it cannot succeed later");
        } else if (retryable(code)) {
            // only an answer lost after a whole send fails with a retryable code: retrying it may be billed twice
            assertFalse(retryAfterAnswerLost, code + " on failure although Retry After Answer Lost is true");
            assertTrue(code.startsWith("Transport."), code + " on failure although retryable");
        }
        if (lostLast && !retryAfterAnswerLost) {
            assertEquals(SignAndRecognizeIdCard.REL_FAILURE, relationship, "an answer lost goes to failure, for " + served);
            assertTrue(code.startsWith("Transport."), code + " for an answer lost: " + served);
        }
        // what the server answered, the code says
        final Fault answered = code.equals("FailedOperation.ImageNoIdCard") ? Fault.NO_ID_CARD
                : code.startsWith("RequestLimitExceeded") ? Fault.RATE_LIMITED
                : code.equals("InternalError") ? Fault.INTERNAL_ERROR
                : code.equals("Transport.MalformedResponse") ? Fault.TRUNCATED_JSON
                : code.startsWith("Transport.HTTP") ? Fault.valueOf("HTTP_" + code.substring("Transport.HTTP".length()))
                : null;
        if (answered != null) {
            assertEquals(answered, last, code + " for " + served);
        }
    }

    private static boolean retryable(final String code) {
        return code.startsWith("RequestLimitExceeded") || code.equals("InternalError") || code.equals("ServiceUnavailable")
                || code.startsWith("Transport.") && !code.equals("Transport.TlsFailure");
    }
}
