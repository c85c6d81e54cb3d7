package dev.nifiidcard.demo.flow;

import dev.nifiidcard.offline.PaddleOcrIdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedLabel;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** flows/idcard-enrollment-offline.json: the enrollment flow of idcard-enrollment.json, recognizing on the NiFi host. */
class OfflineEnrollmentFlowTest {

    private final FlowDefinition offline = FlowDefinition.of(EnrollmentFlow.OFFLINE);
    private final FlowDefinition cloud = FlowDefinition.of(EnrollmentFlow.CLOUD);

    @Test
    void isTheCloudFlowWithOnlyItsRecognizerServiceChanged() {
        assertEquals(steps(cloud.group()), steps(offline.group()), "the same processors, where they are, set alike");
        assertEquals(wiring(cloud.group()), wiring(offline.group()), "the same connections");
        final VersionedProcessor recognize = offline.named("Recognize ID card");
        final VersionedProcessor original = cloud.named("Recognize ID card");
        final Map<String, String> properties = new HashMap<>(recognize.getProperties());
        properties.put(SignAndRecognizeIdCard.OCR_SERVICE.getName(), original.getProperties().get(SignAndRecognizeIdCard.OCR_SERVICE.getName()));
        assertEquals(original.getProperties(), properties, "Recognize ID card: only the service differs");
        assertEquals(original.getAutoTerminatedRelationships(), recognize.getAutoTerminatedRelationships());
    }

    @Test
    void recognitionRunsOnTheOfflineServiceWithoutCredentials() {
        final VersionedProcessor recognize = offline.processor(SignAndRecognizeIdCard.class.getName());
        final VersionedControllerService service = offline.serviceOf(recognize);
        assertEquals(FlowComponents.OFFLINE_SERVICE, service.getType());
        assertEquals("Offline ID Card OCR", service.getName(), "docs/enrollment-flow.md names it");
        assertEquals(1, offline.group().getControllerServices().size(), "no Tencent service");
        assertFalse(offline.raw().contains(TencentCloudIdCardOcrService.class.getName()), "nothing of Tencent Cloud");
        assertEquals(Set.of("Output Directory"),
                offline.context().getParameters().stream().map(VersionedParameter::getName).collect(Collectors.toSet()));
    }

    @Test
    void theOfflineServiceIsValidAsConfigured() throws InitializationException {
        final VersionedControllerService service = offline.service(FlowComponents.OFFLINE_SERVICE);
        assertValidAsConfigured(service);
        // parallel recognitions on Concurrent Tasks scale better than threads inside one (the service's documentation)
        assertEquals(PaddleOcrIdCardOcrService.INFERENCE_THREADS.getDefaultValue(),
                service.getProperties().get(PaddleOcrIdCardOcrService.INFERENCE_THREADS.getName()));
        // by default ONNX Runtime extracts its natives under java.io.tmpdir; a directory is only for a host mounting it noexec
        assertFalse(service.getProperties().containsKey(PaddleOcrIdCardOcrService.NATIVE_LIBRARY_DIRECTORY.getName()), service.getName());
    }

    /** The offline service's settings pass its own validators; it references no parameter, so NiFi's mock can check it. */
    static void assertValidAsConfigured(final VersionedControllerService service) throws InitializationException {
        final TestRunner runner = TestRunners.newTestRunner(SignAndRecognizeIdCard.class);
        final PaddleOcrIdCardOcrService instance = new PaddleOcrIdCardOcrService();
        runner.addControllerService(service.getIdentifier(), instance, service.getProperties());
        runner.assertValid(instance);
    }

    @Test
    void inferenceIsCpuWorkOnTwoTasksAndTheCanvasSaysWhatItCosts() {
        final VersionedProcessor recognize = offline.processor(SignAndRecognizeIdCard.class.getName());
        assertEquals(2, recognize.getConcurrentlySchedulableTaskCount(), "two cards at a time, one core each");
        assertLabelsSay(offline, "Concurrent Tasks 2", "0.5 GB", "no image leaves the host", "nothing is billed", "Offline ID Card OCR > Verify > Enable");
    }

    static void assertLabelsSay(final FlowDefinition flow, final String... facts) {
        final String labels = flow.group().getLabels().stream().map(VersionedLabel::getLabel).collect(Collectors.joining("\n"));
        for (final String fact : facts) {
            assertTrue(labels.replace('\n', ' ').replaceAll(" +", " ").contains(fact), "no label says '" + fact + "'");
        }
    }

    /** Each processor by name: its type, position, properties, auto-terminated relationships and scheduling. */
    private static Map<String, String> steps(final VersionedProcessGroup group) {
        return group.getProcessors().stream().collect(Collectors.toMap(VersionedProcessor::getName, p -> String.join(" | ",
                p.getType(), p.getPosition().getX() + "," + p.getPosition().getY(),
                new TreeSet<>(p.getProperties().keySet()).toString(), new TreeSet<>(p.getAutoTerminatedRelationships()).toString(),
                p.getSchedulingPeriod(), p.getExecutionNode(), String.valueOf(p.getConcurrentlySchedulableTaskCount()),
                new TreeSet<>(p.getRetriedRelationships()).toString())));
    }

    /** Each connection as source -relationships-> destination, with its bends. */
    private static Set<String> wiring(final VersionedProcessGroup group) {
        final Set<String> wiring = new TreeSet<>();
        for (final VersionedConnection c : group.getConnections()) {
            wiring.add(c.getSource().getName() + " -" + new TreeSet<>(c.getSelectedRelationships()) + "-> " + c.getDestination().getName()
                    + " " + c.getBends().stream().map(b -> b.getX() + "," + b.getY()).toList());
        }
        return wiring;
    }
}
