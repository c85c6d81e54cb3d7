package dev.nifiidcard.processors;

import dev.nifiidcard.testing.ManualClock;
import dev.nifiidcard.provider.HttpClientProperties;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.ServiceRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.annotation.configuration.DefaultSettings;
import org.apache.nifi.migration.RelationshipConfiguration;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.nifiidcard.testing.TencentOcrTestServer.error;
import static dev.nifiidcard.testing.TencentOcrTestServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A processor that never waits on NiFi's shared threads: no call free under the account's quota, or an account the
 * provider refuses, leaves the FlowFiles queued and the processor yields, taking nothing until a call can succeed.
 */
class NoWaitingTest {

    private static final byte[] IMAGE = TestImages.jpeg(200, 200);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T06:00:00Z"));
    private TencentOcrTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TencentOcrTestServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void noCallFreeUnderTheQuotaTakesNothingAndYields() {
        // one call every 10 s: the first trigger takes it, the second finds none within 50 ms
        final TestRunner runner = RecognizerRunner.create(server, Map.of(HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0.1"));
        runner.enqueue(IMAGE);
        runner.enqueue(IMAGE);

        runner.run(2);

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        assertEquals(1, server.requestCount(), "nothing was sent for the second");
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the second was never taken");
        assertTrue(runner.isYieldCalled());
        assertTrue(runner.getPenalizedFlowFiles().isEmpty());
    }

    /** Another task took the call the processor saw free: the FlowFile goes back as it came, unpenalized. */
    @Test
    void aCallTakenMeanwhileRollsBackUnpenalizedAndYields() throws Exception {
        final TestRunner runner = ServiceRunner.create(new SignAndRecognizeIdCard(), RecognizerRunner.SERVICE_ID, new TencentCloudIdCardOcrService() {
            @Override
            public boolean hasCallFreeSoon() {
                return true;
            }
        }, RecognizerRunner.CREDENTIALS, TencentCloudIdCardOcrService.ENDPOINT_URL, server.url(),
                Map.of(HttpClientProperties.MAX_REQUESTS_PER_SECOND, "0.1"));
        runner.enqueue(IMAGE);
        runner.enqueue(IMAGE, Map.of("filename", "second.jpg"));

        runner.run(2);

        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
        assertEquals(1, server.requestCount(), "nothing was sent for the second");
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the second is back in its queue");
        assertTrue(runner.isYieldCalled());
        assertTrue(runner.getPenalizedFlowFiles().isEmpty(), "not penalized: nothing is wrong with it");
        final MockFlowFile queued = (MockFlowFile) runner.getProcessSessionFactory().createSession().get();
        queued.assertAttributeEquals("filename", "second.jpg");
        assertTrue(queued.getAttributes().keySet().stream().noneMatch(name -> name.startsWith(IdCardAttributes.PREFIX)),
                "rolled back: no idcard.* attribute");
        queued.assertContentEquals(IMAGE);
    }

    @Test
    void aRefusedAccountIsCalledOnceThenLeftAloneUntilTheRecheck() {
        server.setFallback(call -> ok(error("ResourceUnavailable.InArrears", "in arrears")));
        final TestRunner runner = RecognizerRunner.create(server, Map.of(), new SignAndRecognizeIdCard(clock));
        for (int i = 0; i < 100; i++) {
            runner.enqueue(IMAGE);
        }

        runner.run(50);
        assertEquals(1, server.requestCount(), "one refusal says it for every FlowFile");
        assertEquals(100, runner.getQueueSize().getObjectCount());
        assertEquals(1, runner.getLogger().getErrorMessages().size(), "one bulletin, not one per trigger");

        clock.advance(FailureRouting.ACCOUNT_RECHECK.minusMillis(1));
        runner.run(10, true, false);
        assertEquals(1, server.requestCount(), "still within the recheck interval");

        clock.advance(Duration.ofMillis(1));
        server.setFallback(call -> ok(TencentOcrTestServer.frontCard()));
        runner.run(100, true, false);
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 100);
        assertEquals(101, server.requestCount(), "the account paid its arrears: every FlowFile succeeds");
    }

    @Test
    void aRestartRetriesTheAccountAtOnce() {
        server.setFallback(call -> ok(error("AuthFailure.SecretIdNotFound", "no such key")));
        final TestRunner runner = RecognizerRunner.create(server, Map.of(), new SignAndRecognizeIdCard(clock));
        runner.enqueue(IMAGE);
        runner.run(5);
        assertEquals(1, server.requestCount());

        server.setFallback(call -> ok(TencentOcrTestServer.frontCard()));
        final TencentCloudIdCardOcrService service = RecognizerRunner.service(runner);
        runner.disableControllerService(service);
        runner.enableControllerService(service);
        runner.run();
        runner.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 1);
    }

    @Test
    void oldFlowsSendRetryWhereFailureWent() {
        final RecordingRelationships old = new RecordingRelationships(Set.of("success", "warning", "failure"));
        new SignAndRecognizeIdCard().migrateRelationships(old);
        assertEquals(List.of("failure -> [failure, retry]"), old.splits);

        final RecordingRelationships current = new RecordingRelationships(Set.of("success", "warning", "failure", "retry"));
        new SignAndRecognizeIdCard().migrateRelationships(current);
        assertTrue(current.splits.isEmpty(), "a flow that knows retry keeps its own choice");
    }

    @Test
    void yieldsBrieflyByDefaultSoThatTheQuotaIsUsed() {
        final DefaultSettings settings = SignAndRecognizeIdCard.class.getAnnotation(DefaultSettings.class);
        assertEquals("50 millis", settings.yieldDuration());
        assertFalse(SignAndRecognizeIdCard.REL_RETRY.isAutoTerminated());
    }

    /** The relationships a flow uses, as NiFi hands them to migrateRelationships, recording what is asked. */
    private static final class RecordingRelationships implements RelationshipConfiguration {
        private final Set<String> used;
        private final List<String> splits = new ArrayList<>();

        private RecordingRelationships(final Set<String> used) {
            this.used = used;
        }

        @Override
        public boolean renameRelationship(final String relationshipName, final String newName) {
            throw new AssertionError("nothing is renamed");
        }

        @Override
        public boolean splitRelationship(final String relationshipName, final String firstName, final String... additionalNames) {
            final List<String> names = new ArrayList<>(List.of(firstName));
            names.addAll(List.of(additionalNames));
            splits.add(relationshipName + " -> " + names);
            return used.contains(relationshipName);
        }

        @Override
        public boolean hasRelationship(final String relationshipName) {
            return used.contains(relationshipName);
        }
    }
}
