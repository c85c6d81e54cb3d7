package dev.nifiidcard.camera;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.demo.simulator.TencentOcrSimulator;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockPropertyConfiguration;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the configuration of flows/idcard-enrollment.json itself, not a hand-made copy: the camera and recognition
 * processors and the OCR service get exactly the flow's property values (parameters filled in, the endpoint pointed
 * at the local simulator), and a specimen front and back go through to success.
 */
class EnrollmentFlowPipelineTest {

    private static final Pattern PARAMETER = Pattern.compile("#\\{([^}]+)}");

    @Test
    void theImportableFlowsConfigurationRecognizesSpecimenCards() throws Exception {
        final RegisteredFlowSnapshot flow = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(Path.of(System.getProperty("flow.definition", "../flows/idcard-enrollment.json")).toFile(),
                        RegisteredFlowSnapshot.class);
        final VersionedProcessor cameraConfig = processor(flow, GetCameraImage.class);
        final VersionedProcessor recognizerConfig = processor(flow, SignAndRecognizeIdCard.class);
        final VersionedControllerService serviceConfig = flow.getFlowContents().getControllerServices().stream()
                .filter(s -> s.getType().equals(TencentCloudIdCardOcrService.class.getName()))
                .findFirst().orElseThrow();

        try (TencentOcrSimulator simulator = TencentOcrSimulator.start(0, TencentOcrSimulator.DEFAULT_SECRET_ID,
                TencentOcrSimulator.DEFAULT_SECRET_KEY)) {
            final Map<String, String> parameters = parameters(flow);
            parameters.put("Tencent Secret ID", TencentOcrSimulator.DEFAULT_SECRET_ID);
            parameters.put("Tencent Secret Key", TencentOcrSimulator.DEFAULT_SECRET_KEY);
            parameters.put("Tencent Endpoint URL", simulator.endpoint());

            final GetCameraImage camera = new GetCameraImage();
            final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T08:00:00Z"));
            camera.clock = clock;
            final TestRunner cameraRunner = TestRunners.newTestRunner(camera);
            configure(cameraRunner, cameraConfig, parameters);

            final TestRunner recognizer = TestRunners.newTestRunner(SignAndRecognizeIdCard.class);
            final TencentCloudIdCardOcrService service = new TencentCloudIdCardOcrService();
            recognizer.addControllerService(serviceConfig.getIdentifier(), service);
            // as NiFi loads a flow: the component migrates the properties it was saved with first
            final MockPropertyConfiguration saved = new MockPropertyConfiguration(serviceConfig.getProperties());
            service.migrateProperties(saved);
            saved.getRawProperties().forEach((name, value) -> recognizer.setProperty(service, name, resolve(value, parameters)));
            recognizer.enableControllerService(service);
            configure(recognizer, recognizerConfig, parameters);

            // two presentations of the specimen script (5.6 s each) at the flow's frame rate
            final double framesPerSecond = Double.parseDouble(cameraConfig.getProperties().get("Frames Per Second"));
            final long frames = Math.round(2 * 5.6 * framesPerSecond);
            final Duration interval = Duration.ofNanos(Math.round(1e9 / framesPerSecond));
            cameraRunner.run(1, false, true);
            for (long i = 1; i <= frames; i++) {
                clock.advance(interval);
                cameraRunner.run(1, false, false);
            }
            cameraRunner.run(1, true, false);

            final List<MockFlowFile> captured = cameraRunner.getFlowFilesForRelationship(GetCameraImage.REL_SUCCESS);
            assertEquals(2, captured.size(), "one frame per presented card");
            captured.forEach(frame -> recognizer.enqueue(frame.toByteArray(), frame.getAttributes()));
            // the flow's quota is 10 calls/s: a trigger within 100 ms of the last call takes nothing and yields, and NiFi
            // triggers it again after the yield; nifi-mock ignores yields, so it is triggered until the queue is empty
            for (int triggers = 0; !recognizer.isQueueEmpty() && triggers < 100_000; triggers++) {
                recognizer.run(1, false, triggers == 0);
            }
            recognizer.run(0, true, false);

            recognizer.assertAllFlowFilesTransferred(SignAndRecognizeIdCard.REL_SUCCESS, 2);
            final List<MockFlowFile> recognized = recognizer.getFlowFilesForRelationship(SignAndRecognizeIdCard.REL_SUCCESS);
            recognized.getFirst().assertAttributeEquals(IdCardAttributes.SIDE, "front");
            recognized.getFirst().assertAttributeEquals(IdCardAttributes.NUMBER, "440524198701010014");
            recognized.getFirst().assertAttributeEquals(IdCardAttributes.NUMBER_VALID, "true");
            recognized.get(1).assertAttributeEquals(IdCardAttributes.SIDE, "back");
            recognized.get(1).assertAttributeEquals(IdCardAttributes.VALID_UNTIL, "2037-08-12");
            assertEquals(2, simulator.requestCount(), "one OCR call per card");
        }
    }

    private static void configure(final TestRunner runner, final VersionedConfigurableExtension config, final Map<String, String> parameters) {
        config.getProperties().forEach((name, value) -> runner.setProperty(name, resolve(value, parameters)));
    }

    private static VersionedProcessor processor(final RegisteredFlowSnapshot flow, final Class<?> type) {
        return flow.getFlowContents().getProcessors().stream()
                .filter(p -> p.getType().equals(type.getName()))
                .findFirst().orElseThrow(() -> new AssertionError(type.getSimpleName() + " missing from the flow"));
    }

    private static Map<String, String> parameters(final RegisteredFlowSnapshot flow) {
        final Map<String, String> values = new HashMap<>();
        flow.getParameterContexts().values().forEach(context -> context.getParameters().stream()
                .filter(p -> p.getValue() != null)
                .forEach((VersionedParameter p) -> values.put(p.getName(), p.getValue())));
        return values;
    }

    private static String resolve(final String value, final Map<String, String> parameters) {
        if (value == null) {
            return null;
        }
        final Matcher matcher = PARAMETER.matcher(value);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(parameters.getOrDefault(m.group(1), m.group())));
    }
}
