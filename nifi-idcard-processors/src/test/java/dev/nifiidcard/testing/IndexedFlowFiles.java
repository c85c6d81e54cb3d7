package dev.nifiidcard.testing;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fault tests' FlowFiles: each carries its index twice, as the attribute {@link #INDEX} and inside its image
 * ({@link TestImages#indexed}), so that what comes out can be matched with what went in and with what the server saw.
 */
public final class IndexedFlowFiles {

    public static final String INDEX = "test.index";
    private static final List<Relationship> ROUTES = List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING,
            SignAndRecognizeIdCard.REL_FAILURE);

    /** Checks one FlowFile that came out on a route. */
    @FunctionalInterface
    public interface Check {
        void check(Relationship route, MockFlowFile flowFile, int index);
    }

    /** What a run put on each route, and how long it took. */
    public record Outcome(Map<Relationship, List<MockFlowFile>> routed, long millis) {

        public List<MockFlowFile> get(final Relationship route) {
            return routed.get(route);
        }

        /** Failures by idcard.error.code. */
        public Map<String, Integer> failureCodes() {
            final Map<String, Integer> codes = new TreeMap<>();
            for (final MockFlowFile failure : routed.get(SignAndRecognizeIdCard.REL_FAILURE)) {
                codes.merge(failure.getAttribute(IdCardAttributes.ERROR_CODE), 1, Integer::sum);
            }
            return codes;
        }

        public String summary() {
            return "success=%d warning=%d failure=%d failureCodes=%s duration=%d ms".formatted(
                    get(SignAndRecognizeIdCard.REL_SUCCESS).size(), get(SignAndRecognizeIdCard.REL_WARNING).size(),
                    get(SignAndRecognizeIdCard.REL_FAILURE).size(), failureCodes(), millis);
        }

        /**
         * Every FlowFile that went in came out exactly once, on success, warning or failure, with its content unchanged;
         * each is then handed to the check.
         */
        public void assertEachOnce(final TestRunner runner, final byte[] jpeg, final int count, final Check check) {
            assertEquals(0, runner.getQueueSize().getObjectCount(), "nothing left in the input queue");
            assertEquals(count, routed.values().stream().mapToInt(List::size).sum(), "success + warning + failure = input");
            final Set<Integer> seen = new HashSet<>();
            routed.forEach((route, flowFiles) -> {
                for (final MockFlowFile flowFile : flowFiles) {
                    final int index = Integer.parseInt(flowFile.getAttribute(INDEX));
                    assertTrue(seen.add(index), "FlowFile " + index + " came out twice");
                    assertArrayEquals(TestImages.indexed(jpeg, index), flowFile.toByteArray(), "content of FlowFile " + index);
                    check.check(route, flowFile, index);
                }
            });
        }
    }

    private IndexedFlowFiles() {
    }

    /**
     * Enqueues {@code count} FlowFiles, the JPEG indexed 0 to count - 1, and runs the processor once for each on the
     * runner's threads, then once more for each FlowFile still queued; fails if any onTrigger let an exception escape.
     */
    public static Outcome run(final TestRunner runner, final byte[] jpeg, final int count) {
        for (int i = 0; i < count; i++) {
            runner.enqueue(TestImages.indexed(jpeg, i), Map.of(INDEX, Integer.toString(i)));
        }
        final long started = System.nanoTime();
        runner.run(count);
        // a FlowFile kept queued for the account's sake (a credential refused twice in a row) is tried again after the
        // yield, as NiFi would: bounded, so that a processor that never drains its queue still fails the test
        for (int extra = 0; !runner.isQueueEmpty() && extra < count; extra++) {
            runner.run(1, false, false);
        }
        final long millis = (System.nanoTime() - started) / 1_000_000;
        final Map<Relationship, List<MockFlowFile>> routed = new LinkedHashMap<>();
        ROUTES.forEach(route -> routed.put(route, runner.getFlowFilesForRelationship(route)));
        return new Outcome(routed, millis);
    }

    /**
     * What a fault-injecting server met for each image, in order: at most {@code maxSends} requests, and none after one
     * whose answer was lost after a whole send (it may have been billed) unless the flow allowed it.
     *
     * @return the requests sent again after a lost answer
     */
    public static <F> long assertSends(final Map<Integer, List<F>> served, final Predicate<F> answerLost, final int maxSends,
                                       final boolean resendAllowed) {
        long resentAfterAnswerLost = 0;
        for (final Map.Entry<Integer, List<F>> image : served.entrySet()) {
            final List<F> faults = List.copyOf(image.getValue());
            assertTrue(faults.size() <= maxSends, "image " + image.getKey() + " was sent more than " + maxSends + " times: " + faults);
            for (int i = 0; i < faults.size() - 1; i++) {
                if (answerLost.test(faults.get(i))) {
                    resentAfterAnswerLost++;
                    if (!resendAllowed) {
                        fail("image " + image.getKey() + " was sent again after its answer was lost (billed twice): " + faults);
                    }
                }
            }
        }
        return resentAfterAnswerLost;
    }
}
