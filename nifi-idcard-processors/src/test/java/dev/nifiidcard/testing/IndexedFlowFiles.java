package dev.nifiidcard.testing;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fault tests' FlowFiles: each carries its index twice, as the attribute {@link #INDEX} and inside its image
 * ({@link TestImages#indexed}), so that what comes out can be matched with what went in and with what the server saw.
 * {@link #run} pushes them through the processor as NiFi would with relationship retry turned on for
 * {@link SignAndRecognizeIdCard#REL_RETRY}, which nifi-mock does not do.
 */
public final class IndexedFlowFiles {

    public static final String INDEX = "test.index";
    /** Where a FlowFile comes out for good: retry only once its retries are used up. */
    private static final List<Relationship> ROUTES = List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING,
            SignAndRecognizeIdCard.REL_FAILURE, SignAndRecognizeIdCard.REL_RETRY);
    /** Rounds in a row without any FlowFile coming out, time passing after each, before the run gives up on the processor. */
    private static final int MAX_IDLE_ROUNDS = 20;
    /** Rounds in all before the run gives up: each retry and each hold of the queue costs one or two. */
    private static final int MAX_ROUNDS = 1000;

    /** Checks one FlowFile that came out on a route. */
    @FunctionalInterface
    public interface Check {
        void check(Relationship route, MockFlowFile flowFile, int index);
    }

    /**
     * What a run put on each route for good, and how it got there.
     *
     * @param routed     the FlowFiles on success, warning, failure and (retries used up) retry
     * @param retries    the retry count the run emulated for the retry relationship
     * @param retried    how often each FlowFile (by index) was routed to retry and queued again; absent when never
     * @param held       how often the processor kept each FlowFile (by index) queued for the account's sake; absent when never
     * @param rounds     how often the processor was triggered once per queued FlowFile
     * @param timePassed how often the run let time pass because the processor took no FlowFile
     */
    public record Outcome(Map<Relationship, List<MockFlowFile>> routed, int retries, Map<Integer, Integer> retried,
                          Map<Integer, Integer> held, int rounds, int timePassed, long millis) {

        public List<MockFlowFile> get(final Relationship route) {
            return routed.get(route);
        }

        /** The FlowFiles on a route, counted by idcard.error.code. */
        public Map<String, Integer> codes(final Relationship route) {
            final Map<String, Integer> codes = new TreeMap<>();
            for (final MockFlowFile flowFile : routed.get(route)) {
                codes.merge(String.valueOf(flowFile.getAttribute(IdCardAttributes.ERROR_CODE)), 1, Integer::sum);
            }
            return codes;
        }

        /** Failures by idcard.error.code. */
        public Map<String, Integer> failureCodes() {
            return codes(SignAndRecognizeIdCard.REL_FAILURE);
        }

        /** How often the FlowFile was routed to retry and queued again. */
        public int retriesOf(final int index) {
            return retried.getOrDefault(index, 0);
        }

        /** How often the processor kept the FlowFile queued because the account or its credentials were refused. */
        public int holdsOf(final int index) {
            return held.getOrDefault(index, 0);
        }

        public String summary() {
            return ("success=%d warning=%d failure=%d retry=%d failureCodes=%s retryCodes=%s retried=%d (of %d FlowFiles, retry count %d)"
                    + " held=%d rounds=%d timePassed=%d duration=%d ms").formatted(
                    get(SignAndRecognizeIdCard.REL_SUCCESS).size(), get(SignAndRecognizeIdCard.REL_WARNING).size(),
                    get(SignAndRecognizeIdCard.REL_FAILURE).size(), get(SignAndRecognizeIdCard.REL_RETRY).size(), failureCodes(),
                    codes(SignAndRecognizeIdCard.REL_RETRY), retried.values().stream().mapToInt(Integer::intValue).sum(), retried.size(),
                    retries, held.values().stream().mapToInt(Integer::intValue).sum(), rounds, timePassed, millis);
        }

        /**
         * Every FlowFile that went in came out exactly once, on success, warning, failure or retry, with its content
         * unchanged, and on retry only with a retryable error after its last retry; each is then handed to the check.
         */
        public void assertEachOnce(final TestRunner runner, final byte[] jpeg, final int count, final Check check) {
            assertEquals(0, runner.getQueueSize().getObjectCount(), "nothing left in the input queue");
            assertEquals(count, routed.values().stream().mapToInt(List::size).sum(), "success + warning + failure + retry = input");
            final Set<Integer> seen = new HashSet<>();
            routed.forEach((route, flowFiles) -> {
                for (final MockFlowFile flowFile : flowFiles) {
                    final int index = Integer.parseInt(flowFile.getAttribute(INDEX));
                    assertTrue(seen.add(index), "FlowFile " + index + " came out twice");
                    assertArrayEquals(TestImages.indexed(jpeg, index), flowFile.toByteArray(), "content of FlowFile " + index);
                    if (route.equals(SignAndRecognizeIdCard.REL_RETRY)) {
                        assertNotNull(flowFile.getAttribute(IdCardAttributes.ERROR_CODE),
                                "FlowFile " + index + " on retry without idcard.error.code");
                        assertEquals("true", flowFile.getAttribute(IdCardAttributes.ERROR_RETRYABLE),
                                "FlowFile " + index + " on retry with " + flowFile.getAttribute(IdCardAttributes.ERROR_CODE));
                        assertEquals(retries, retriesOf(index), "FlowFile " + index + " stays on retry only after its last retry");
                    }
                    check.check(route, flowFile, index);
                }
            });
        }
    }

    /**
     * The processor's clock in a run: the system's, moved on when the run lets time pass, as it passes in NiFi while a
     * processor that took no FlowFile yields; no test waits for it.
     */
    public static final class PassingClock extends Clock {
        private final ZoneId zone;
        private final AtomicReference<Duration> ahead;

        public PassingClock() {
            this(ZoneOffset.UTC, new AtomicReference<>(Duration.ZERO));
        }

        private PassingClock(final ZoneId zone, final AtomicReference<Duration> ahead) {
            this.zone = zone;
            this.ahead = ahead;
        }

        public void pass(final Duration duration) {
            ahead.accumulateAndGet(duration, Duration::plus);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return new PassingClock(zone, ahead);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead.get());
        }
    }

    private IndexedFlowFiles() {
    }

    /**
     * Enqueues {@code count} FlowFiles, the JPEG indexed 0 to count - 1, and triggers the processor on the runner's
     * threads in rounds, once per FlowFile queued at the start of each, until none is left. Between rounds it does what
     * NiFi's relationship retry does: a FlowFile routed to retry is queued again as it came in (its content, its
     * attributes without the idcard.* ones the processor added) until it has been retried {@code retries} times, then
     * stays on retry. A FlowFile the processor rolled back (the rate limit had no call free) or kept queued (the account
     * was refused) is still queued and simply taken again. When a round let no FlowFile out, the processor is holding
     * its queue: {@code timePasses} moves its clock on, as NiFi's time would pass while it yields. Fails if an onTrigger
     * let an exception escape, or if the processor stops taking FlowFiles for good.
     */
    public static Outcome run(final TestRunner runner, final byte[] jpeg, final int count, final int retries, final Runnable timePasses) {
        for (int i = 0; i < count; i++) {
            runner.enqueue(TestImages.indexed(jpeg, i), Map.of(INDEX, Integer.toString(i)));
        }
        final Map<Relationship, List<MockFlowFile>> routed = new LinkedHashMap<>();
        ROUTES.forEach(route -> routed.put(route, new ArrayList<>()));
        final Map<Integer, Integer> retried = new HashMap<>();
        int rounds = 0;
        int idleRounds = 0;
        int timePassed = 0;
        final long started = System.nanoTime();
        while (!runner.isQueueEmpty()) {
            if (rounds == MAX_ROUNDS) {
                fail("still " + runner.getQueueSize().getObjectCount() + " FlowFiles queued after " + rounds + " rounds");
            }
            // @OnScheduled once, as when the processor is started; the controller service stays enabled throughout
            runner.run(runner.getQueueSize().getObjectCount(), false, rounds == 0);
            rounds++;
            int out = 0;
            for (final Relationship route : ROUTES) {
                final List<MockFlowFile> flowFiles = runner.getFlowFilesForRelationship(route);
                out += flowFiles.size();
                if (!route.equals(SignAndRecognizeIdCard.REL_RETRY)) {
                    routed.get(route).addAll(flowFiles);
                    continue;
                }
                for (final MockFlowFile flowFile : flowFiles) {
                    final int index = Integer.parseInt(flowFile.getAttribute(INDEX));
                    if (retried.getOrDefault(index, 0) == retries) {
                        routed.get(route).add(flowFile);
                    } else {
                        retried.merge(index, 1, Integer::sum);
                        runner.enqueue(flowFile.toByteArray(), original(flowFile));
                    }
                }
            }
            runner.clearTransferState();
            if (out > 0) {
                idleRounds = 0;
            } else if (!runner.isQueueEmpty()) {
                if (++idleRounds > MAX_IDLE_ROUNDS) {
                    fail("the processor took no FlowFile in " + MAX_IDLE_ROUNDS + " rounds in a row although time passed: "
                            + runner.getQueueSize().getObjectCount() + " left queued");
                }
                timePasses.run();
                timePassed++;
            }
        }
        final long millis = (System.nanoTime() - started) / 1_000_000;
        return new Outcome(routed, retries, retried, held(runner), rounds, timePassed, millis);
    }

    /** The attributes the FlowFile came in with: NiFi's retry reverts the processor's changes. */
    private static Map<String, String> original(final MockFlowFile flowFile) {
        final Map<String, String> attributes = new HashMap<>(flowFile.getAttributes());
        attributes.keySet().removeIf(name -> name.startsWith(IdCardAttributes.PREFIX));
        return attributes;
    }

    /**
     * The FlowFiles the processor kept queued for the account's sake, by index: it logs one error per refusal naming the
     * FlowFile, and no other error.
     */
    private static Map<Integer, Integer> held(final TestRunner runner) {
        final Map<Integer, Integer> held = new HashMap<>();
        for (final LogMessage error : runner.getLogger().getErrorMessages()) {
            final List<Integer> named = new ArrayList<>();
            for (final Object arg : error.getArgs() == null ? new Object[0] : error.getArgs()) {
                if (arg instanceof FlowFile flowFile && flowFile.getAttribute(INDEX) != null) {
                    named.add(Integer.parseInt(flowFile.getAttribute(INDEX)));
                }
            }
            assertEquals(1, named.size(), "an error of the processor that names no FlowFile kept queued: " + error);
            held.merge(named.getFirst(), 1, Integer::sum);
        }
        return held;
    }

    /**
     * What a fault-injecting server met for each image, in order: at most {@code maxSends} requests for it, and none
     * after one whose answer was lost after a whole send (it may have been billed) unless the flow allowed it.
     *
     * @param maxSends the most requests an image may cause, by its index
     * @return the requests sent again after a lost answer
     */
    public static <F> long assertSends(final Map<Integer, List<F>> served, final Predicate<F> answerLost, final IntUnaryOperator maxSends,
                                       final boolean resendAllowed) {
        long resentAfterAnswerLost = 0;
        for (final Map.Entry<Integer, List<F>> image : served.entrySet()) {
            final List<F> faults = List.copyOf(image.getValue());
            final int max = maxSends.applyAsInt(image.getKey());
            assertTrue(faults.size() <= max, "image " + image.getKey() + " was sent more than " + max + " times: " + faults);
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
