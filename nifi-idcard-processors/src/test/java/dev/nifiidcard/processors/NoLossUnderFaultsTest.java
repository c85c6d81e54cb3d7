package dev.nifiidcard.processors;

import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.testing.FaultInjectingTencentServer.Fault;
import dev.nifiidcard.testing.FaultInjectingTencentServer;
import dev.nifiidcard.testing.IndexedFlowFiles;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue "Reliability: no loss under faults": thousands of FlowFiles through a server that drops, stalls, truncates,
 * throttles and errs. Every FlowFile must come out exactly once, unchanged, with a truthful error when it failed, and
 * a request whose answer was lost must not be sent again unless the flow asked for it (it may be billed twice).
 */
class NoLossUnderFaultsTest {

    private static final byte[] BASE_JPEG = TestImages.jpeg(200, 200);
    /** Stalls cost a thread the whole read timeout: rare, but present. */
    private static final int STALL_PER_MILLE = 3;
    private static final Set<Fault> ANSWERED_A_CARD = Set.of(Fault.SUCCESS, Fault.SLOW_SUCCESS, Fault.STALL);

    /** 10,000 FlowFiles for each setting: about 6 s each since the test server's sockets are without Nagle. */
    @ParameterizedTest(name = "Retry After Answer Lost = {0}, {1} FlowFiles")
    @CsvSource({"false, 10000", "true, 10000"})
    void everyFlowFileComesOutOnceAndUnchanged(final boolean retryAfterAnswerLost, final int flowFiles) throws Exception {
        try (FaultInjectingTencentServer server = new FaultInjectingTencentServer(20240611L, STALL_PER_MILLE, 600, 20)) {
            final TestRunner runner = RecognizerRunner.create(server.url(), Map.of(
                    HttpClientProperties.MAX_REQUESTS_PER_SECOND, "5000",
                    HttpClientProperties.READ_TIMEOUT, "200 ms"));
            runner.setProperty(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST, Boolean.toString(retryAfterAnswerLost));
            runner.setThreadCount(4);
            final IndexedFlowFiles.Outcome out = IndexedFlowFiles.run(runner, BASE_JPEG, flowFiles);
            System.out.printf("NoLossUnderFaults retryAfterAnswerLost=%s flowfiles=%d %s %s%n", retryAfterAnswerLost, flowFiles,
                    out.summary(), server.summary());

            assertEquals(0, server.refusals(), "every request was correctly signed");
            out.assertEachOnce(runner, BASE_JPEG, flowFiles,
                    (route, flowFile, index) -> checkOutcome(route, flowFile, server.served().get(index)));

            // 1 + Max Retries at most
            final long resentAfterAnswerLost = IndexedFlowFiles.assertSends(server.served(), Fault::answerLost, 3, retryAfterAnswerLost);
            assertTrue(server.count(Fault.STALL) > 0 && server.count(Fault.DROP_AFTER_REQUEST) > 0
                    && server.count(Fault.DROP_BEFORE_READ) > 0, "every fault kind occurred: " + server.summary());
            if (retryAfterAnswerLost) {
                assertTrue(resentAfterAnswerLost > 0, "requests whose answer was lost were sent again");
            }
        }
    }

    /** The route must match what the server last answered for that image, and a failure must say truthfully whether to retry. */
    private static void checkOutcome(final Relationship relationship, final MockFlowFile flowFile, final List<Fault> served) {
        final Fault last = served == null || served.isEmpty() ? null : served.getLast();
        if (relationship == SignAndRecognizeIdCard.REL_FAILURE) {
            final String code = flowFile.getAttribute(IdCardAttributes.ERROR_CODE);
            assertNotNull(code, "failure without idcard.error.code");
            assertEquals(Boolean.toString(retryable(code)), flowFile.getAttribute(IdCardAttributes.ERROR_RETRYABLE),
                    "idcard.error.retryable for " + code);
            if ("FailedOperation.ImageNoIdCard".equals(code)) {
                assertEquals(Fault.NO_ID_CARD, last, "only an image without a card is reported as such");
            }
        } else {
            assertTrue(ANSWERED_A_CARD.contains(last), "recognized although the server last answered " + served);
        }
    }

    private static boolean retryable(final String code) {
        return code.startsWith("RequestLimitExceeded") || code.equals("InternalError") || code.equals("ServiceUnavailable")
                || code.startsWith("Transport.") && !code.equals("Transport.TlsFailure");
    }
}
