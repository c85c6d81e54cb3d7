package dev.nifiidcard.demo.flow;

import dev.nifiidcard.camera.GetCameraImage;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedProcessor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.nifiidcard.demo.flow.FlowComponents.ERRORS;
import static dev.nifiidcard.demo.flow.FlowComponents.REVIEW;
import static dev.nifiidcard.demo.flow.FlowDefinition.directoryOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * flows/idcard-enrollment.json, recognition with Tencent Cloud: its wiring and its service. What every flow must
 * satisfy is checked by {@link FlowModelTest}, {@link FlowRoutingTest} and {@link FlowCanvasTest}.
 */
class EnrollmentFlowDefinitionTest {

    private final FlowDefinition flow = FlowDefinition.of(EnrollmentFlow.CLOUD);

    @Test
    void thePipelineIsWiredAsDocumented() {
        final VersionedProcessor camera = flow.processor(GetCameraImage.class.getName());
        final VersionedProcessor recognize = flow.processor(SignAndRecognizeIdCard.class.getName());
        assertEquals("Recognize ID card", recognize.getName(), "docs/enrollment-flow.md names it");
        assertEquals(List.of(recognize.getIdentifier()), List.copyOf(flow.targets(camera, "success")));
        assertEquals(REVIEW, directoryOf(flow.only(flow.targets(recognize, "warning"))));
        assertEquals(ERRORS, directoryOf(flow.only(flow.targets(recognize, "failure"))));
        assertEquals(TencentCloudIdCardOcrService.class.getName(), flow.serviceOf(recognize).getType());
    }

    @Test
    void theServiceIsInTheGroupAndTakesItsSettingsFromParameters() {
        assertTencentSettingsFromParameters(flow, flow.service(TencentCloudIdCardOcrService.class.getName()));
    }

    @Test
    void theOldRetryLoopIsGone() {
        final VersionedProcessor camera = flow.processor(GetCameraImage.class.getName());
        final VersionedProcessor recognize = flow.processor(SignAndRecognizeIdCard.class.getName());
        for (final VersionedConnection connection : flow.group().getConnections()) {
            if (connection.getDestination().getId().equals(recognize.getIdentifier())) {
                assertEquals(camera.getIdentifier(), connection.getSource().getId(), "only the camera feeds recognition: no loop back");
            }
        }
        final VersionedControllerService service = flow.service(TencentCloudIdCardOcrService.class.getName());
        for (final String removed : List.of("Max Retries", "Retry Backoff", "Retry After Answer Lost")) {
            assertFalse(service.getProperties().containsKey(removed), "the service has no " + removed + " any more");
            assertFalse(service.getPropertyDescriptors().containsKey(removed), "the service has no " + removed + " any more");
        }
    }

    /** Credentials and endpoint come from the context, the endpoint's default from the service itself. */
    static void assertTencentSettingsFromParameters(final FlowDefinition flow, final VersionedControllerService service) {
        assertEquals("#{Tencent Secret ID}", service.getProperties().get(TencentCloudIdCardOcrService.SECRET_ID.getName()));
        assertEquals("#{Tencent Secret Key}", service.getProperties().get(TencentCloudIdCardOcrService.SECRET_KEY.getName()));
        assertEquals("#{Tencent Endpoint URL}", service.getProperties().get(TencentCloudIdCardOcrService.ENDPOINT_URL.getName()));
        assertEquals(TencentCloudIdCardOcrService.ENDPOINT_URL.getDefaultValue(), flow.parameter("Tencent Endpoint URL").getValue());
        for (final String removed : List.of("Max Retries", "Retry Backoff", "Retry After Answer Lost")) {
            assertFalse(service.getPropertyDescriptors().containsKey(removed), service.getName() + " has no " + removed + " any more");
        }
    }
}
