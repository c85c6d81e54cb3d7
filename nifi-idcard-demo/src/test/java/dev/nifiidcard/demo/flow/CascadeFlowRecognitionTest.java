package dev.nifiidcard.demo.flow;

import dev.nifiidcard.camera.specimen.SpecimenCard;
import dev.nifiidcard.camera.specimen.SpecimenPerson;
import dev.nifiidcard.camera.specimen.SpecimenRenderer;
import dev.nifiidcard.camera.specimen.SpecimenScene;
import dev.nifiidcard.demo.simulator.TencentOcrSimulator;
import dev.nifiidcard.offline.PaddleOcrIdCardOcrService;
import dev.nifiidcard.processors.IdCardAttributes;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockPropertyValue;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the cascade's configuration itself, not a hand-made copy: both recognizers and their services get the flow's
 * property values (parameters filled in, the endpoint pointed at the local simulator), the offline one with the real
 * models. A card read surely offline costs no call; an expired back side, a warning offline, reaches the cloud with its
 * offline doubts kept and comes back a warning for review.
 */
class CascadeFlowRecognitionTest {

    private static final Pattern PARAMETER = Pattern.compile("#\\{([^}]+)}");
    private static final List<Relationship> ROUTES = List.of(SignAndRecognizeIdCard.REL_SUCCESS, SignAndRecognizeIdCard.REL_WARNING,
            SignAndRecognizeIdCard.REL_FAILURE, SignAndRecognizeIdCard.REL_RETRY);
    private static final FlowDefinition FLOW = FlowDefinition.of(EnrollmentFlow.CASCADE);

    private record Out(Relationship relationship, MockFlowFile flowFile) {
    }

    private static TencentOcrSimulator simulator;
    private static TestRunner offline;
    private static PaddleOcrIdCardOcrService offlineService;
    private static TestRunner cloud;

    @BeforeAll
    static void startBothRecognizers() throws Exception {
        simulator = TencentOcrSimulator.start(0, TencentOcrSimulator.DEFAULT_SECRET_ID, TencentOcrSimulator.DEFAULT_SECRET_KEY);
        final Map<String, String> parameters = new HashMap<>();
        FLOW.context().getParameters().stream().filter(p -> p.getValue() != null).forEach(p -> parameters.put(p.getName(), p.getValue()));
        parameters.put("Tencent Secret ID", TencentOcrSimulator.DEFAULT_SECRET_ID);
        parameters.put("Tencent Secret Key", TencentOcrSimulator.DEFAULT_SECRET_KEY);
        parameters.put("Tencent Endpoint URL", simulator.endpoint());
        offlineService = new PaddleOcrIdCardOcrService();
        offline = recognizer(FLOW.named("Recognize offline"), offlineService, parameters);
        cloud = recognizer(FLOW.named("Recognize with Tencent Cloud"), new TencentCloudIdCardOcrService(), parameters);
    }

    @AfterAll
    static void stop() {
        if (offline != null) {
            // the models hold about 0.5 GB of native memory until disabled
            offline.disableControllerService(offlineService);
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void aCardReadSurelyOfflineIsEnrolledWithoutACall() {
        final Out out = recognize(offline, Map.of("filename", "front.jpg"), specimen(SpecimenPerson.LI_MING, SpecimenCard.Side.FRONT));
        final MockFlowFile read = out.flowFile();
        assertEquals(SignAndRecognizeIdCard.REL_SUCCESS, out.relationship(), read.getAttributes().toString());
        read.assertAttributeEquals(IdCardAttributes.NUMBER, "440524198701010014");
        read.assertAttributeEquals(IdCardAttributes.PROVIDER, "paddleocr-offline");
        assertTrue(offline.getProvenanceEvents().stream().noneMatch(e -> e.getEventType() == ProvenanceEventType.SEND),
                "no image left the host");
    }

    @Test
    void anExpiredCardGoesToTheCloudWithItsOfflineDoubtsKept() {
        final int calls = simulator.requestCount();
        // LIU_YANG's card ended on 2026-03-20: read surely, but a warning all the same
        final Out first = recognize(offline, Map.of("filename", "back.jpg"), specimen(SpecimenPerson.LIU_YANG, SpecimenCard.Side.BACK));
        final MockFlowFile doubted = first.flowFile();
        assertEquals(SignAndRecognizeIdCard.REL_WARNING, first.relationship(), doubted.getAttributes().toString());
        assertTrue(doubted.getAttribute(IdCardAttributes.WARNINGS).contains(IdCardAttributes.EXPIRED), doubted.getAttributes().toString());

        // Keep offline doubts, as UpdateAttribute evaluates its properties
        final Map<String, String> kept = new HashMap<>(doubted.getAttributes());
        FLOW.named("Keep offline doubts").getProperties().forEach((name, expression) ->
                kept.put(name, new MockPropertyValue(expression).evaluateAttributeExpressions(doubted.getAttributes()).getValue()));
        final Out second = recognize(cloud, kept, doubted.toByteArray());
        final MockFlowFile reviewed = second.flowFile();

        assertEquals(SignAndRecognizeIdCard.REL_WARNING, second.relationship(), "to review/: " + reviewed.getAttributes());
        assertEquals(calls + 1, simulator.requestCount(), "one billed call for the doubtful card");
        reviewed.assertAttributeEquals(IdCardAttributes.PROVIDER, "tencent-cloud");
        reviewed.assertAttributeEquals("idcard.offline.warnings", doubted.getAttribute(IdCardAttributes.WARNINGS));
        reviewed.assertAttributeEquals("idcard.offline.warning.codes", doubted.getAttribute(IdCardAttributes.WARNING_CODES));
        assertTrue(reviewed.getAttribute(IdCardAttributes.WARNINGS).contains(IdCardAttributes.EXPIRED), "the cloud's own reading");
    }

    private static TestRunner recognizer(final VersionedProcessor config, final ControllerService service,
                                         final Map<String, String> parameters) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(SignAndRecognizeIdCard.class);
        final VersionedConfigurableExtension serviceConfig = FLOW.serviceOf(config);
        runner.addControllerService(serviceConfig.getIdentifier(), service);
        serviceConfig.getProperties().forEach((name, value) -> runner.setProperty(service, name, resolve(value, parameters)));
        runner.enableControllerService(service);
        config.getProperties().forEach((name, value) -> runner.setProperty(name, resolve(value, parameters)));
        return runner;
    }

    /** One image through a recognizer: where it went, and the FlowFile as it left. */
    private static Out recognize(final TestRunner runner, final Map<String, String> attributes, final byte[] image) {
        runner.clearTransferState();
        runner.clearProvenanceEvents();
        runner.enqueue(image, attributes);
        // the Tencent service's quota may leave a trigger without a free call: it yields, which nifi-mock ignores
        for (int triggers = 0; !runner.isQueueEmpty() && triggers < 100_000; triggers++) {
            runner.run(1, false, triggers == 0);
        }
        runner.run(0, true, false);
        final List<Out> out = new ArrayList<>();
        for (final Relationship relationship : ROUTES) {
            runner.getFlowFilesForRelationship(relationship).forEach(flowFile -> out.add(new Out(relationship, flowFile)));
        }
        assertEquals(1, out.size(), "one FlowFile out: " + out);
        return out.get(0);
    }

    /** A specimen card as the flow's camera frames it (1280x720), with the metadata the simulator reads. */
    private static byte[] specimen(final SpecimenPerson person, final SpecimenCard.Side side) {
        return new SpecimenRenderer().jpeg(SpecimenScene.emptyDesk(1280, 720).withCard(new SpecimenCard(person, side), 0.6), 0.9f);
    }

    private static String resolve(final String value, final Map<String, String> parameters) {
        if (value == null) {
            return null;
        }
        final Matcher matcher = PARAMETER.matcher(value);
        return matcher.replaceAll(m -> Matcher.quoteReplacement(parameters.getOrDefault(m.group(1), m.group())));
    }
}
