package dev.nifiidcard.processors;

import dev.nifiidcard.http.HttpClientProperties;
import dev.nifiidcard.testing.FaultInjectingTencentServer;
import dev.nifiidcard.testing.FaultInjectingTencentServer.Fault;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue "Reliability: no loss under faults": thousands of FlowFiles through a server that drops, stalls, truncates,
 * throttles and errs. Every FlowFile must come out exactly once, unchanged, with a truthful error when it failed, and
 * a request whose answer was lost must not be sent again unless the flow asked for it (it may be billed twice).
 */
class NoLossUnderFaultsTest {

    private static final String INDEX = "test.index";
    private static final byte[] BASE_JPEG = TestImages.jpeg(200, 200);
    /** Stalls cost a thread the whole read timeout: rare, but present. */
    private static final int STALL_PER_MILLE = 3;
    private static final Set<Fault> ANSWERED_A_CARD = Set.of(Fault.SUCCESS, Fault.SLOW_SUCCESS, Fault.STALL);

    /** The default setting gets the full 10,000; the other needs fewer to show its re-sends (the run costs ~12 ms a FlowFile). */
    @ParameterizedTest(name = "Retry After Answer Lost = {0}, {1} FlowFiles")
    @CsvSource({"false, 10000", "true, 2000"})
    void everyFlowFileComesOutOnceAndUnchanged(final boolean retryAfterAnswerLost, final int flowFiles) throws Exception {
        try (FaultInjectingTencentServer server = new FaultInjectingTencentServer(20240611L, STALL_PER_MILLE, 600, 20)) {
            final TestRunner runner = RecognizerRunner.create(server.url(), Map.of(
                    HttpClientProperties.MAX_RETRIES, "2",
                    HttpClientProperties.RETRY_BACKOFF, "1 ms",
                    HttpClientProperties.MAX_REQUESTS_PER_SECOND, "5000",
                    HttpClientProperties.READ_TIMEOUT, "200 ms",
                    HttpClientProperties.RETRY_AFTER_ANSWER_LOST, Boolean.toString(retryAfterAnswerLost)));
            runner.setThreadCount(4);
            for (int i = 0; i < flowFiles; i++) {
                runner.enqueue(TestImages.indexed(BASE_JPEG, i), Map.of(INDEX, Integer.toString(i)));
            }

            final long started = System.nanoTime();
            runner.run(flowFiles);   // throws if any onTrigger let an exception escape
            final long millis = (System.nanoTime() - started) / 1_000_000;

            final Map<Relationship, List<MockFlowFile>> out = new LinkedHashMap<>();
            for (final Relationship relationship : List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING,
                    SignAndRecognizeIdCard.REL_FAILURE)) {
                out.put(relationship, runner.getFlowFilesForRelationship(relationship));
            }
            System.out.printf("NoLossUnderFaults retryAfterAnswerLost=%s flowfiles=%d success=%d warning=%d failure=%d "
                            + "failureCodes=%s %s duration=%d ms%n", retryAfterAnswerLost, flowFiles,
                    out.get(SignAndRecognizeIdCard.REL_SUCCESS).size(), out.get(SignAndRecognizeIdCard.REL_WARNING).size(),
                    out.get(SignAndRecognizeIdCard.REL_FAILURE).size(), failureCodes(out.get(SignAndRecognizeIdCard.REL_FAILURE)),
                    server.summary(), millis);

            assertEquals(0, runner.getQueueSize().getObjectCount(), "nothing left in the input queue");
            assertEquals(flowFiles, out.values().stream().mapToInt(List::size).sum(), "success + warning + failure = input");
            assertEquals(0, server.refusals(), "every request was correctly signed");

            final Set<Integer> seen = new HashSet<>();
            for (final Map.Entry<Relationship, List<MockFlowFile>> routed : out.entrySet()) {
                for (final MockFlowFile flowFile : routed.getValue()) {
                    final int index = Integer.parseInt(flowFile.getAttribute(INDEX));
                    assertTrue(seen.add(index), "FlowFile " + index + " came out twice");
                    assertArrayEquals(TestImages.indexed(BASE_JPEG, index), flowFile.toByteArray(),
                            "content of FlowFile " + index);
                    checkOutcome(routed.getKey(), flowFile, server.served().get(index));
                }
            }

            long resentAfterAnswerLost = 0;
            for (final Map.Entry<Integer, List<Fault>> image : server.served().entrySet()) {
                final List<Fault> faults = image.getValue();
                assertTrue(faults.size() <= 3, "image " + image.getKey() + " was sent more than 1 + Max Retries times: " + faults);
                for (int i = 0; i < faults.size() - 1; i++) {
                    if (faults.get(i).answerLost()) {
                        resentAfterAnswerLost++;
                        if (!retryAfterAnswerLost) {
                            fail("image " + image.getKey() + " was sent again after its answer was lost (billed twice): " + faults);
                        }
                    }
                }
            }
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

    private static Map<String, Integer> failureCodes(final List<MockFlowFile> failures) {
        final Map<String, Integer> codes = new java.util.TreeMap<>();
        failures.forEach(f -> codes.merge(f.getAttribute(IdCardAttributes.ERROR_CODE), 1, Integer::sum));
        return codes;
    }
}
