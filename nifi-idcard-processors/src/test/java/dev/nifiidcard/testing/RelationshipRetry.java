package dev.nifiidcard.testing;

import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What NiFi's relationship retry does and nifi-mock does not: a FlowFile the processor routed to retry is put back on
 * its queue with its original attributes and triggered again, up to a number of retries; what is still routed to retry
 * after the last one stays there, as NiFi then transfers it. For one queued FlowFile at a time.
 */
public final class RelationshipRetry {

    private RelationshipRetry() {
    }

    /** Triggers the processor for its one queued FlowFile, and again after each retry, {@code retries} times at most. */
    public static void run(final TestRunner runner, final int retries) {
        for (int attempt = 0; ; attempt++) {
            runner.run();
            final List<MockFlowFile> retried = runner.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_RETRY);
            if (retried.isEmpty() || attempt == retries) {
                return;
            }
            if (retried.size() != 1 || runner.getQueueSize().getObjectCount() > 0) {
                throw new IllegalStateException("RelationshipRetry is for one FlowFile at a time");
            }
            final MockFlowFile flowFile = retried.getFirst();
            final Map<String, String> original = new HashMap<>(flowFile.getAttributes());
            original.keySet().removeIf(name -> name.startsWith(IdCardAttributes.PREFIX));
            runner.clearTransferState();
            runner.enqueue(flowFile.toByteArray(), original);
        }
    }
}
