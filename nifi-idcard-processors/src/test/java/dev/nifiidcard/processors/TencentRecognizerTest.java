package dev.nifiidcard.processors;

import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import dev.nifiidcard.testing.RecognizerRunner;
import dev.nifiidcard.testing.TencentOcrTestServer;
import dev.nifiidcard.testing.TestImages;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;



/** SignAndRecognizeIdCard with a TencentCloudIdCardOcrService against the local signature-checking test server. */
abstract class TencentRecognizerTest {

    static final byte[] IMAGE = TestImages.jpeg(800, 500);

    TencentOcrTestServer server;
    TestRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = new TencentOcrTestServer();
        runner = RecognizerRunner.create(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    static final String REL_SUCCESS_NAME = "success";
    static final String REL_WARNING_NAME = "warning";
    static final String REL_FAILURE_NAME = "failure";
    static final String REL_RETRY_NAME = "retry";

    MockFlowFile runOne(final String relationship) {
        runner.enqueue(IMAGE);
        runner.run();
        final MockFlowFile out = onlyFlowFile(new org.apache.nifi.processor.Relationship.Builder().name(relationship).build());
        runner.assertQueueEmpty();
        return out;
    }

    MockFlowFile onlyFlowFile(final org.apache.nifi.processor.Relationship relationship) {
        runner.assertTransferCount(relationship, 1);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_SUCCESS, relationship.equals(SignAndRecognizeIdCard.REL_SUCCESS) ? 1 : 0);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_WARNING, relationship.equals(SignAndRecognizeIdCard.REL_WARNING) ? 1 : 0);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_FAILURE, relationship.equals(SignAndRecognizeIdCard.REL_FAILURE) ? 1 : 0);
        runner.assertTransferCount(SignAndRecognizeIdCard.REL_RETRY, relationship.equals(SignAndRecognizeIdCard.REL_RETRY) ? 1 : 0);
        return runner.getFlowFilesForRelationship(relationship).getFirst();
    }
}
