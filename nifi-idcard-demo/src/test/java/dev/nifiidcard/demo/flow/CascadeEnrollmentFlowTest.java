package dev.nifiidcard.demo.flow;

import dev.nifiidcard.camera.GetCameraImage;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockPropertyValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.nifiidcard.demo.flow.FlowComponents.ATTRIBUTES_TO_JSON;
import static dev.nifiidcard.demo.flow.FlowComponents.ERRORS;
import static dev.nifiidcard.demo.flow.FlowComponents.REVIEW;
import static dev.nifiidcard.demo.flow.FlowComponents.UPDATE_ATTRIBUTE;
import static dev.nifiidcard.demo.flow.FlowDefinition.directoryOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * flows/idcard-enrollment-cascade.json: offline recognition first, Tencent Cloud only for the cards the offline
 * recognizer is not sure of, so that only those cost a call.
 */
class CascadeEnrollmentFlowTest {

    private static final String OFFLINE_WARNINGS = "idcard.offline.warnings";
    private static final String OFFLINE_WARNING_CODES = "idcard.offline.warning.codes";

    private final FlowDefinition flow = FlowDefinition.of(EnrollmentFlow.CASCADE);
    private final VersionedProcessor first = flow.named("Recognize offline");
    private final VersionedProcessor second = flow.named("Recognize with Tencent Cloud");
    private final VersionedProcessor keep = flow.named("Keep offline doubts");

    @Test
    void theCameraFeedsTheOfflineRecognizerAndOnlyItsDoubtsReachTheCloud() {
        assertEquals(FlowComponents.OFFLINE_SERVICE, flow.serviceOf(first).getType());
        assertEquals(TencentCloudIdCardOcrService.class.getName(), flow.serviceOf(second).getType());
        assertEquals(Set.of(first.getIdentifier()), flow.targets(flow.processor(GetCameraImage.class.getName()), "success"));
        assertEquals(Set.of(keep.getIdentifier()), flow.targets(first, "warning"));
        assertEquals(Set.of(second.getIdentifier()), flow.targets(keep, "success"));
        assertEquals(List.of(first.getName() + " " + Set.of("warning")), feeders(keep), "only the offline doubts are kept");
        assertEquals(List.of(keep.getName() + " " + Set.of("success")), feeders(second), "only they reach the cloud");
    }

    @Test
    void whatTheOfflineRecognizerCannotReadGoesToErrorsNotToTheCloud() {
        // the cloud is for doubtful readings: a frame without a card, or a corrupt image, is not worth a paid call
        final VersionedProcessor errors = flow.only(flow.targets(first, "failure"));
        assertEquals(ERRORS, directoryOf(errors));
        assertEquals(flow.targets(first, "failure"), flow.targets(second, "failure"), "both recognizers' failures in one errors/");
        assertEquals(flow.targets(second, "failure"), flow.targets(second, "retry"));
        assertEquals(REVIEW, directoryOf(flow.only(flow.targets(second, "warning"))), "the cloud's doubts go to a person");
    }

    @Test
    void theCloudSuccessJoinsTheSameEnrolledWriter() {
        assertEquals(flow.targets(first, "success"), flow.targets(second, "success"));
        assertEquals(ATTRIBUTES_TO_JSON, flow.only(flow.targets(second, "success")).getType());
    }

    @Test
    void keepOfflineDoubtsCopiesTheOfflineWarningsBeforeTheCloudOverwritesThem() {
        assertEquals(UPDATE_ATTRIBUTE, keep.getType());
        assertEquals(Set.of(OFFLINE_WARNINGS, OFFLINE_WARNING_CODES), keep.getProperties().keySet());
        final Map<String, String> offlineAnswer = Map.of(IdCardAttributes.WARNINGS, "FIELD_UNCERTAIN",
                IdCardAttributes.WARNING_CODES, "name.low-confidence,nation.unknown");
        assertEquals("FIELD_UNCERTAIN", evaluate(keep.getProperties().get(OFFLINE_WARNINGS), offlineAnswer));
        assertEquals("name.low-confidence,nation.unknown", evaluate(keep.getProperties().get(OFFLINE_WARNING_CODES), offlineAnswer));
        for (final String kept : keep.getProperties().keySet()) {
            // a recognition removes only the attributes it writes: the copies survive the cloud's
            assertFalse(IdCardAttributes.RESULT.contains(kept), kept + " would be removed by the cloud recognizer");
            for (final VersionedProcessor toJson : flow.processors(ATTRIBUTES_TO_JSON)) {
                assertTrue(Pattern.matches(toJson.getProperties().get("Attributes Regular Expression"), kept),
                        toJson.getName() + " must write " + kept + ": reviewers want both readings' reasons");
            }
        }
    }

    @Test
    void theServicesAreConfiguredAsInTheirOwnFlows() throws InitializationException {
        EnrollmentFlowDefinitionTest.assertTencentSettingsFromParameters(flow, flow.serviceOf(second));
        OfflineEnrollmentFlowTest.assertValidAsConfigured(flow.serviceOf(first));
        final VersionedControllerService alone = FlowDefinition.of(EnrollmentFlow.OFFLINE).service(FlowComponents.OFFLINE_SERVICE);
        assertEquals(alone.getProperties(), flow.serviceOf(first).getProperties(), "the offline recognizer as in the offline flow");
    }

    @Test
    void bothRecognizersRunTwoTasksAndTheCanvasSaysWhatIsPaid() {
        assertEquals(2, first.getConcurrentlySchedulableTaskCount(), first.getName() + ": inference is CPU work");
        assertEquals(2, second.getConcurrentlySchedulableTaskCount(), second.getName());
        assertEquals(List.of(second.getName()), flow.recognizers().stream()
                .filter(r -> !flow.serviceOf(r).getType().equals(FlowComponents.OFFLINE_SERVICE)).map(VersionedProcessor::getName).toList(),
                "one billed recognizer");
        OfflineEnrollmentFlowTest.assertLabelsSay(flow, "Concurrent Tasks 2", "0.5 GB", "no image leaves the host",
                "not worth a paid call", "idcard.offline.warnings");
    }

    /** The connections into a processor, as source name and relationships. */
    private List<String> feeders(final VersionedProcessor processor) {
        return flow.group().getConnections().stream().filter(c -> c.getDestination().getId().equals(processor.getIdentifier()))
                .map(CascadeEnrollmentFlowTest::describeSource).toList();
    }

    private static String describeSource(final VersionedConnection connection) {
        return connection.getSource().getName() + " " + connection.getSelectedRelationships();
    }

    /** NiFi's expression language on a FlowFile with these attributes, as UpdateAttribute evaluates its properties. */
    private static String evaluate(final String expression, final Map<String, String> attributes) {
        return new MockPropertyValue(expression).evaluateAttributeExpressions(attributes).getValue();
    }
}
