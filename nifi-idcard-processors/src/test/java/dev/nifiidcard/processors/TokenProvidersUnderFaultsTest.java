package dev.nifiidcard.processors;

import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.provider.Pacer;
import dev.nifiidcard.testing.FaultInjectingTokenServer.Credential;
import dev.nifiidcard.testing.FaultInjectingTokenServer.Fault;
import dev.nifiidcard.testing.FaultInjectingTokenServer.Meaning;
import dev.nifiidcard.testing.FaultInjectingTokenServer;
import dev.nifiidcard.testing.IndexedFlowFiles;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NoLossUnderFaultsTest for the providers that hold a credential: WeChat (access token) and Tencent Huiyan (access
 * token, then SIGN ticket). Four threads share one service while the server, at random, kills the current token or
 * ticket under them (so that concurrent callers meet the stale credential together), refuses token and ticket
 * requests now and then, drops connections, stalls, truncates, throttles and errs. Every FlowFile must come out
 * exactly once and unchanged with a truthful result, with NiFi's relationship retry on for retry
 * ({@link IndexedFlowFiles#run}); the client must never send a credential the server did not issue, must fetch one
 * credential per event that killed one (no thundering herd), and must not send an image again once its answer was lost
 * after a whole send unless the flow allows it.
 */
class TokenProvidersUnderFaultsTest {

    private static final byte[] BASE_JPEG = TestImages.jpeg(200, 200);
    private static final int FLOW_FILES = 1000;
    /** NiFi's relationship retry for retry, as the flow designer turns it on: the retries the services once made themselves. */
    private static final int RETRIES = 2;
    /** Stalls cost a thread the whole read timeout: rare, but present. */
    private static final int STALL_PER_MILLE = 5;
    /** Long enough that no answer of a loaded 2-core machine times out unless the server stalls it. */
    private static final long READ_TIMEOUT_MILLIS = 1000;

    @ParameterizedTest(name = "{0}, Retry After Answer Lost = {1}")
    @CsvSource({"wechat, false", "huiyan, false", "wechat, true", "huiyan, true"})
    void everyFlowFileComesOutOnceAndCredentialsAreRefreshedOncePerExpiry(final String provider, final boolean retryAfterAnswerLost)
            throws Exception {
        try (FaultInjectingTokenServer<?, ?> server = server(provider)) {
            runAndCheck(server, provider, retryAfterAnswerLost, FLOW_FILES);

            assertTrue(server.expiries() >= 5, "credentials were killed under the client: " + server.summary());
            assertTrue(server.count(Fault.STALE_CREDENTIAL) > server.expiries(), "concurrent callers met the same stale credential");
            assertTrue(server.count(Fault.STALL) > 0 && server.count(Fault.DROP_AFTER_REQUEST) > 0 && server.dropped() > 0
                            && server.credentials().stream().allMatch(c -> server.refusals(c) > 0),
                    "every fault kind occurred: " + server.summary());
        }
    }

    /**
     * Credentials killed under three recognitions in ten: a renewed one often dies too before the call it was fetched
     * for is sent again, and the processor keeps that FlowFile queued and takes none for 10 s (NiFi's time, which the run
     * lets pass). Every FlowFile still comes out once, and each credential is still fetched once per kill.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wechat", "huiyan"})
    void credentialsDyingFasterThanTheyAreRenewedHoldTheQueueWithoutLoss(final String provider) throws Exception {
        try (FaultInjectingTokenServer<?, ?> server = server(provider).expiring(300)) {
            final IndexedFlowFiles.Outcome out = runAndCheck(server, provider, false, 100);

            assertTrue(!out.held().isEmpty() && out.timePassed() > 0, "the processor held its queue: " + out.summary());
        }
    }

    private static FaultInjectingTokenServer<?, ?> server(final String provider) throws IOException {
        return "wechat".equals(provider)
                ? FaultInjectingTokenServer.weChat(20240611L, STALL_PER_MILLE, READ_TIMEOUT_MILLIS + 500, 20)
                : FaultInjectingTokenServer.huiyan(20240611L, STALL_PER_MILLE, READ_TIMEOUT_MILLIS + 500, 20);
    }

    /** Runs the FlowFiles through the processor against the server, prints the summary and checks what every run must show. */
    private static IndexedFlowFiles.Outcome runAndCheck(final FaultInjectingTokenServer<?, ?> server, final String provider,
                                                        final boolean retryAfterAnswerLost, final int flowFiles) {
        final IndexedFlowFiles.PassingClock clock = new IndexedFlowFiles.PassingClock();
        final TestRunner runner = server.runner(new SignAndRecognizeIdCard(clock), Map.of(
                HttpClientProperties.MAX_REQUESTS_PER_SECOND, "5000",
                HttpClientProperties.READ_TIMEOUT, READ_TIMEOUT_MILLIS + " ms"));
        runner.setProperty(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST, Boolean.toString(retryAfterAnswerLost));
        runner.setThreadCount(4);
        // a credential refused again right after its renewal holds the queue: NiFi's time passes while the processor yields
        final IndexedFlowFiles.Outcome out = IndexedFlowFiles.run(runner, BASE_JPEG, flowFiles, RETRIES,
                () -> clock.pass(FailureRouting.ACCOUNT_RECHECK));
        System.out.printf("TokenProvidersUnderFaults provider=%s retryAfterAnswerLost=%s flowfiles=%d %s %s%n", provider,
                retryAfterAnswerLost, flowFiles, out.summary(), server.summary());

        assertEquals(List.of(), out.get(SignAndRecognizeIdCard.REL_WARNING), "every card served is valid and unexpired");
        out.assertEachOnce(runner, BASE_JPEG, flowFiles,
                (route, flowFile, index) -> checkOutcome(server, route, flowFile, index, retryAfterAnswerLost));

        // the client never invents a credential: every refusal was of a token or ticket the server had killed itself
        assertEquals(List.of(), server.badlyAuthenticated(), "recognitions refused for a credential the server never killed");

        // no thundering herd: one fetch per credential killed (plus the first), none while a live one existed
        for (final Credential credential : server.credentials()) {
            assertEquals(0, server.needless(credential), credential + " requests while one was still live: " + server.summary());
            assertTrue(server.fetches(credential) <= server.allowedFetches(credential),
                    credential + " fetched more often than its credential was killed: " + server.summary());
        }

        // an image whose answer was lost after a whole send is not sent again unless the flow allows it: it may have been
        // billed. A trigger sends an image at most twice (once more after a stale credential was replaced), and only retry
        // and a hold of the queue trigger it again; the server accepts at most one call per trigger that routed it
        final long resentAfterAnswerLost = IndexedFlowFiles.assertSends(server.served(), Fault::answerLost,
                index -> 2 * (1 + RETRIES + out.holdsOf(index)), retryAfterAnswerLost);
        server.served().forEach((index, served) -> {
            final List<Fault> faults = List.copyOf(served);
            assertTrue(faults.stream().filter(fault -> fault != Fault.STALE_CREDENTIAL).count() <= 1 + RETRIES,
                    "image " + index + " was accepted more than " + (1 + RETRIES) + " times: " + faults);
        });
        if (retryAfterAnswerLost) {
            assertTrue(resentAfterAnswerLost > 0, "requests whose answer was lost were sent again");
        }
        return out;
    }

    /**
     * The route must match what the server last did with the image, and a failure must say truthfully whether to retry:
     * retry holds only what may succeed later; failure what cannot, or an answer lost after a whole send (retryable, but
     * sent again only when the flow allows it, on retry then); a refused credential keeps the FlowFile queued instead.
     */
    private static void checkOutcome(final FaultInjectingTokenServer<?, ?> server, final Relationship relationship,
                                     final MockFlowFile flowFile, final int index, final boolean retryAfterAnswerLost) {
        final List<Fault> served = server.served().get(index);
        final Fault last = served == null || served.isEmpty() ? null : served.getLast();
        if (relationship == SignAndRecognizeIdCard.REL_SUCCESS) {
            assertTrue(last != null && last.answeredACard(), "FlowFile " + index + " recognized although the server last did " + served);
            server.cardAttributes(index).forEach((name, value) -> flowFile.assertAttributeEquals(name, value));
            flowFile.assertAttributeNotExists(IdCardAttributes.ERROR_CODE);
            return;
        }
        final String code = flowFile.getAttribute(IdCardAttributes.ERROR_CODE);
        assertNotNull(code, relationship.getName() + " without idcard.error.code");
        final String retryable = flowFile.getAttribute(IdCardAttributes.ERROR_RETRYABLE);
        final boolean lostLast = last != null && last.answerLost();
        if (lostLast && !retryAfterAnswerLost) {
            assertEquals(SignAndRecognizeIdCard.REL_FAILURE, relationship,
                    "FlowFile " + index + ": an answer lost goes to failure: " + served);
            assertTrue(code.startsWith("Transport."), "FlowFile " + index + ": " + code + " for an answer lost: " + served);
        }
        if (code.startsWith("Transport.")) {
            assertEquals("true", retryable, "idcard.error.retryable for " + code);
            // only an answer lost after a whole send fails with a retryable code: retrying it may be billed twice
            assertFalse(relationship == SignAndRecognizeIdCard.REL_FAILURE && retryAfterAnswerLost,
                    "FlowFile " + index + ": " + code + " on failure although Retry After Answer Lost is true");
            if (code.startsWith("Transport.HTTP")) {
                assertEquals(Fault.valueOf("HTTP_" + code.substring("Transport.HTTP".length())), last, code + " for " + served);
            }
            if (code.equals("Transport.MalformedResponse")) {
                assertEquals(Fault.TRUNCATED_JSON, last, code + " for " + served);
            }
            return;
        }
        if (code.equals(Pacer.RATE_LIMITED)) {
            // refused as stale, and the quota had no call free to send it again with the renewed credential
            assertEquals(SignAndRecognizeIdCard.REL_RETRY, relationship, "FlowFile " + index + " with " + code);
            assertEquals(Fault.STALE_CREDENTIAL, last, code + " for " + served);
            return;
        }
        final Meaning meaning = server.meaning(code);
        assertNotNull(meaning, "FlowFile " + index + " failed with a code the server never answers: " + code);
        assertFalse(meaning.staysQueued(), "FlowFile " + index + " routed to " + relationship.getName() + " with " + code
                + ", a refusal of the credentials that keeps it queued: " + served);
        assertEquals(Boolean.toString(meaning.retryable()), retryable, "idcard.error.retryable for " + code);
        assertEquals(meaning.retryable() ? SignAndRecognizeIdCard.REL_RETRY : SignAndRecognizeIdCard.REL_FAILURE, relationship,
                "FlowFile " + index + " with " + code);
        if (meaning.lastServed() != null) {
            assertEquals(meaning.lastServed(), last, code + " for " + served);
        }
    }
}
