package dev.nifiidcard.demo.flow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.camera.GetCameraImage;
import dev.nifiidcard.ocr.IdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flow.Bundle;
import org.apache.nifi.flow.Position;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedLabel;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.flow.VersionedPropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks flows/idcard-enrollment.json, the flow definition users import into NiFi, against NiFi's own flow model
 * (nifi-api) and against the components it configures: our components by instantiating them, the standard ones
 * against {@link #STANDARD}, a list verified by hand.
 */
class EnrollmentFlowDefinitionTest {

    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");
    private static final String CONTEXT_NAME = "ID Card Enrollment";
    private static final Bundle STANDARD_BUNDLE = bundle("org.apache.nifi", "nifi-standard-nar", "2.8.0");
    private static final Bundle UPDATE_ATTRIBUTE_BUNDLE = bundle("org.apache.nifi", "nifi-update-attribute-nar", "2.8.0");

    private static final String PUT_FILE = "org.apache.nifi.processors.standard.PutFile";
    private static final String ATTRIBUTES_TO_JSON = "org.apache.nifi.processors.standard.AttributesToJSON";
    private static final String UPDATE_ATTRIBUTE = "org.apache.nifi.processors.attributes.UpdateAttribute";
    private static final String ENROLLED = "#{Output Directory}/enrolled";
    private static final String REVIEW = "#{Output Directory}/review";
    private static final String ERRORS = "#{Output Directory}/errors";

    /** What the flow may use of a standard processor: its bundle, property names and relationships. */
    private record StandardProcessor(Bundle bundle, Set<String> properties, Set<String> relationships, boolean dynamicProperties) {
    }

    /**
     * Property names (the descriptors' {@code name(...)}, not display names) and relationships of the standard
     * processors used by the flow, read in apache/nifi at tag rel/nifi-2.8.0 in
     * nifi-extension-bundles/nifi-standard-bundle/nifi-standard-processors/src/main/java/org/apache/nifi/processors/standard/
     * and nifi-extension-bundles/nifi-update-attribute-bundle/nifi-update-attribute-processor/ (UpdateAttribute is in its
     * own NAR, part of every NiFi distribution). In 2.8 AttributesToJSON's and UpdateAttribute's old names
     * (attributes-to-json-regex, canonical-value-lookup-cache-size, ...) are only migrated on load; the flow must use the
     * new ones. UpdateAttribute's dynamic properties are the attributes it sets; its 'set state fail' relationship exists
     * only with Store State "Store state locally", which the flow does not use. RouteOnAttribute and RetryFlowFile,
     * the retry loop of earlier versions, are not allowed any more: NiFi's relationship retry replaces them.
     */
    private static final Map<String, StandardProcessor> STANDARD = Map.of(
            PUT_FILE, new StandardProcessor(STANDARD_BUNDLE,
                    Set.of("Directory", "Conflict Resolution Strategy", "Create Missing Directories", "Maximum File Count",
                            "Last Modified Time", "Permissions", "Owner", "Group"),
                    Set.of("success", "failure"), false),
            ATTRIBUTES_TO_JSON, new StandardProcessor(STANDARD_BUNDLE,
                    Set.of("Attributes List", "Attributes Regular Expression", "Destination", "Include Core Attributes",
                            "Null Value", "JSON Handling Strategy", "Pretty Print"),
                    Set.of("success", "failure"), false),
            UPDATE_ATTRIBUTE, new StandardProcessor(UPDATE_ATTRIBUTE_BUNDLE,
                    Set.of("Delete Attributes Expression", "Store State", "Stateful Variables Initial Value",
                            "Cache Value Lookup Cache Size"),
                    Set.of("success"), true));

    /**
     * Sizes in NiFi 2.8.0's UI (nifi-frontend, flow-designer/service/manager): a processor is 352 x 128
     * (processor-manager.service.ts); a connection's label is 240 wide, 19 px a row plus 3 (connection-manager.service.ts),
     * two rows between processors (its relationships, Queued), centred on the bend at labelIndex, or on the middle of a
     * connection without bends (canvas-utils.service.ts getPositionForCenteringConnection).
     */
    private static final double PROCESSOR_WIDTH = 352;
    private static final double PROCESSOR_HEIGHT = 128;
    private static final double CONNECTION_LABEL_WIDTH = 240;
    private static final double CONNECTION_LABEL_HEIGHT = 2 * 19 + 3;
    /** Space kept free around everything drawn. */
    private static final double MARGIN = 4;

    /** Our processors, as NiFi would instantiate them. */
    private static final Map<String, Class<? extends Processor>> OUR_PROCESSORS = Map.of(
            GetCameraImage.class.getName(), GetCameraImage.class,
            SignAndRecognizeIdCard.class.getName(), SignAndRecognizeIdCard.class);

    private static String raw;
    private static RegisteredFlowSnapshot snapshot;
    private static VersionedProcessGroup group;
    private static Bundle ourBundle;

    @BeforeAll
    static void load() throws IOException {
        final Path file = Path.of(System.getProperty("flow.definition", "../flows/idcard-enrollment.json"));
        raw = Files.readString(file);
        // nifi-api's model classes are plain beans: an unknown (misspelt) field fails the load
        final ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        snapshot = mapper.readValue(file.toFile(), RegisteredFlowSnapshot.class);
        group = snapshot.getFlowContents();
        final String version = System.getProperty("project.version");
        assertNotNull(version, "surefire must pass project.version");
        ourBundle = bundle("dev.nifiidcard", "nifi-idcard-nar", version);
    }

    @Test
    void isAProcessGroupSnapshotWithItsParameterContext() {
        assertNotNull(group, "flowContents");
        assertEquals("ID Card Enrollment", group.getName());
        assertEquals("1.0", snapshot.getFlowEncodingVersion());
        assertNotNull(snapshot.getExternalControllerServices(), "externalControllerServices");
        assertTrue(snapshot.getExternalControllerServices().isEmpty(), "the flow brings its own controller service");
        assertEquals(CONTEXT_NAME, group.getParameterContextName());
        assertNotNull(context(), "parameterContexts must hold '" + CONTEXT_NAME + "'");
        assertTrue(group.getProcessGroups().isEmpty(), "one flat group");
    }

    @Test
    void ourComponentsHaveTheirTypeAndTheProjectVersion() {
        final Map<String, Long> ours = new HashMap<>();
        for (final VersionedConfigurableExtension component : extensions()) {
            final boolean standard = STANDARD.containsKey(component.getType());
            final boolean our = OUR_PROCESSORS.containsKey(component.getType())
                    || component.getType().equals(TencentCloudIdCardOcrService.class.getName());
            assertTrue(standard || our, component.getName() + ": unexpected type " + component.getType());
            assertBundle(standard ? STANDARD.get(component.getType()).bundle() : ourBundle, component.getBundle(), component.getName());
            if (our) {
                ours.merge(component.getType(), 1L, Long::sum);
            }
        }
        assertEquals(Map.of(GetCameraImage.class.getName(), 1L, SignAndRecognizeIdCard.class.getName(), 1L,
                TencentCloudIdCardOcrService.class.getName(), 1L), ours);
        final VersionedControllerService service = service();
        assertEquals(1, service.getControllerServiceApis().size());
        assertEquals(IdCardOcrService.class.getName(), service.getControllerServiceApis().get(0).getType());
        // NiFi names the bundle that holds the API class: the service API NAR, the parent of nifi-idcard-nar
        assertBundle(bundle("dev.nifiidcard", "nifi-idcard-service-api-nar", System.getProperty("project.version")),
                service.getControllerServiceApis().get(0).getBundle(), "controller service API");
    }

    @Test
    void ourComponentsSetOnlyTheirOwnPropertiesWithAllowedValues() {
        for (final VersionedProcessor processor : group.getProcessors()) {
            final Class<? extends Processor> type = OUR_PROCESSORS.get(processor.getType());
            if (type != null) {
                assertProperties(processor, TestRunners.newTestRunner(type).getProcessor());
            }
        }
        assertProperties(service(), new TencentCloudIdCardOcrService());
    }

    @Test
    void standardProcessorsSetOnlyVerifiedProperties() {
        for (final VersionedProcessor processor : group.getProcessors()) {
            final StandardProcessor standard = STANDARD.get(processor.getType());
            if (standard == null) {
                continue;
            }
            for (final String name : processor.getProperties().keySet()) {
                final VersionedPropertyDescriptor descriptor = processor.getPropertyDescriptors().get(name);
                assertNotNull(descriptor, processor.getName() + ": no propertyDescriptors entry for " + name);
                final boolean dynamic = descriptor.isDynamic();
                assertEquals(dynamic, !standard.properties().contains(name),
                        processor.getName() + ": '" + name + "' is " + (dynamic ? "marked dynamic but is a property"
                                : "not a property of " + simpleName(processor.getType()) + " in NiFi 2.8 (misspelt, or mark it dynamic)"));
                assertTrue(!dynamic || standard.dynamicProperties(), processor.getName() + ": no dynamic properties allowed: " + name);
            }
        }
    }

    @Test
    void everyRelationshipIsConnectedOrAutoTerminated() {
        final Map<String, VersionedProcessor> byId = group.getProcessors().stream()
                .collect(Collectors.toMap(VersionedProcessor::getIdentifier, Function.identity()));
        final Map<String, Set<String>> routed = new HashMap<>();
        for (final VersionedConnection connection : group.getConnections()) {
            final VersionedProcessor source = byId.get(connection.getSource().getId());
            assertNotNull(source, "connection from an unknown component " + connection.getSource().getId());
            assertNotNull(byId.get(connection.getDestination().getId()),
                    "connection from " + source.getName() + " to an unknown component " + connection.getDestination().getId());
            assertEquals(group.getIdentifier(), connection.getSource().getGroupId());
            assertEquals(group.getIdentifier(), connection.getDestination().getGroupId());
            assertFalse(connection.getSelectedRelationships().isEmpty(), "a connection without relationships from " + source.getName());
            routed.computeIfAbsent(source.getIdentifier(), id -> new TreeSet<>()).addAll(connection.getSelectedRelationships());
        }
        for (final VersionedProcessor processor : group.getProcessors()) {
            final Set<String> relationships = relationships(processor);
            final Set<String> connected = routed.getOrDefault(processor.getIdentifier(), Set.of());
            final Set<String> terminated = processor.getAutoTerminatedRelationships();
            for (final String relationship : relationships) {
                assertTrue(connected.contains(relationship) || terminated.contains(relationship),
                        processor.getName() + ": relationship '" + relationship + "' is neither connected nor auto-terminated");
            }
            final Set<String> unknown = new TreeSet<>(connected);
            unknown.addAll(terminated);
            unknown.removeAll(relationships);
            assertTrue(unknown.isEmpty(), processor.getName() + ": no such relationships " + unknown);
        }
    }

    @Test
    void thePipelineIsWiredAsDocumented() {
        final VersionedProcessor camera = processor(GetCameraImage.class.getName());
        assertEquals("PRIMARY", camera.getExecutionNode(), "a camera runs on the primary node only");
        assertEquals("Specimen", camera.getProperties().get("Capture Mode"));
        assertEquals("Sharp Still Card", camera.getProperties().get("Quality Gate"));
        final VersionedProcessor recognize = processor(SignAndRecognizeIdCard.class.getName());
        assertEquals(Set.of(recognize.getIdentifier()), targets(camera, "success"));

        final VersionedProcessor toJson = only(targets(recognize, "success"));
        assertEquals(ATTRIBUTES_TO_JSON, toJson.getType());
        assertEquals("flowfile-content", toJson.getProperties().get("Destination"));
        assertTrue(Pattern.matches(toJson.getProperties().get("Attributes Regular Expression"), "idcard.number"));
        assertFalse(Pattern.matches(toJson.getProperties().get("Attributes Regular Expression"), "filename"));
        assertEquals(ENROLLED, directoryOf(only(targets(toJson, "success"))));
        assertEquals(REVIEW, directoryOf(only(targets(recognize, "warning"))));
        assertEquals(ERRORS, directoryOf(only(targets(recognize, "failure"))));
        assertEquals(ERRORS, directoryOf(only(targets(toJson, "failure"))), "a card whose JSON failed keeps its image in errors/");
    }

    @Test
    void nifiRetriesTheRetryRelationshipAndWhatStillFailsGoesToErrors() {
        final VersionedProcessor recognize = processor(SignAndRecognizeIdCard.class.getName());
        assertEquals(Set.of(SignAndRecognizeIdCard.REL_RETRY.getName()), recognize.getRetriedRelationships(),
                "NiFi retries 'retry' itself, and nothing else");
        assertEquals(5, recognize.getRetryCount());
        assertEquals("PENALIZE_FLOWFILE", recognize.getBackoffMechanism(), "a throttled FlowFile waits; the processor keeps working");
        assertEquals("10 mins", recognize.getMaxBackoffPeriod());
        assertEquals("30 sec", recognize.getPenaltyDuration(), "the first back-off, doubled on every retry (docs/enrollment-flow.md)");
        assertEquals("50 millis", recognize.getYieldDuration(), "the processor's default: a trigger without a free call yields this long");
        // what is still failing after the last retry goes where failure goes: both on one connection
        assertEquals(targets(recognize, "failure"), targets(recognize, "retry"));
        final VersionedConnection toErrors = group.getConnections().stream()
                .filter(c -> c.getSource().getId().equals(recognize.getIdentifier()) && c.getSelectedRelationships().contains("retry"))
                .findFirst().orElseThrow();
        assertEquals(Set.of("failure", "retry"), toErrors.getSelectedRelationships());
        assertFalse(recognize.getAutoTerminatedRelationships().contains("retry"), "retries exhausted must not be dropped");
        assertEquals("false", recognize.getProperties().get(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST.getName()),
                "an image sent whole whose answer was lost may be billed: it goes to errors/ for a person to decide");
    }

    @Test
    void theOldRetryLoopIsGone() {
        for (final VersionedProcessor processor : group.getProcessors()) {
            assertFalse(processor.getType().endsWith(".RetryFlowFile") || processor.getType().endsWith(".RouteOnAttribute"),
                    processor.getName() + ": the RouteOnAttribute + RetryFlowFile loop is replaced by NiFi's relationship retry");
        }
        final VersionedProcessor camera = processor(GetCameraImage.class.getName());
        final VersionedProcessor recognize = processor(SignAndRecognizeIdCard.class.getName());
        for (final VersionedConnection connection : group.getConnections()) {
            if (connection.getDestination().getId().equals(recognize.getIdentifier())) {
                assertEquals(camera.getIdentifier(), connection.getSource().getId(), "only the camera feeds recognition: no loop back");
            }
        }
        final VersionedControllerService service = service();
        for (final String removed : List.of("Max Retries", "Retry Backoff", "Retry After Answer Lost")) {
            assertFalse(service.getProperties().containsKey(removed), "the service has no " + removed + " any more");
            assertFalse(service.getPropertyDescriptors().containsKey(removed), "the service has no " + removed + " any more");
        }
    }

    @Test
    void everyImageInReviewAndErrorsHasItsReasonBesideIt() {
        final VersionedProcessor recognize = processor(SignAndRecognizeIdCard.class.getName());
        // the docs say what the number looks like in the reason files: as ID Number In Attributes says
        assertEquals("Full", recognize.getProperties().get(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES.getName()),
                "docs/enrollment-flow.md describes the number in enrolled/ and the reason files as Full");
        final Set<String> reasonWriters = new HashSet<>();
        final Set<String> imageWriters = new HashSet<>();
        for (final String relationship : List.of("warning", "failure", "retry")) {
            imageWriters.addAll(targets(recognize, relationship));
        }
        imageWriters.addAll(targets(only(targets(recognize, "success")), "failure"));
        for (final String id : imageWriters) {
            final VersionedProcessor image = only(Set.of(id));
            final String directory = directoryOf(image);
            assertTrue(directory.equals(REVIEW) || directory.equals(ERRORS), image.getName() + " writes " + directory);
            assertFalse(image.getAutoTerminatedRelationships().contains("success"), image.getName() + ": success leads to the reason file");

            final VersionedProcessor toJson = only(targets(image, "success"));
            assertEquals(ATTRIBUTES_TO_JSON, toJson.getType(), image.getName() + " -> " + toJson.getName());
            assertEquals("flowfile-content", toJson.getProperties().get("Destination"), toJson.getName());
            final Pattern reasons = Pattern.compile(toJson.getProperties().get("Attributes Regular Expression"));
            for (final String attribute : List.of("idcard.warnings", "idcard.error.code", "idcard.error.message", "idcard.error.retryable")) {
                assertTrue(reasons.matcher(attribute).matches(), toJson.getName() + " must keep " + attribute);
            }
            assertFalse(reasons.matcher("filename").matches(), toJson.getName());
            assertEquals("false", toJson.getProperties().getOrDefault("Include Core Attributes", "true"), toJson.getName());
            // with Escaped nothing is parsed, so failure cannot happen: auto-terminating it loses nothing
            assertEquals("ESCAPED", toJson.getProperties().get("JSON Handling Strategy"), toJson.getName());
            assertTrue(toJson.getAutoTerminatedRelationships().contains("failure"), toJson.getName());

            final VersionedProcessor name = only(targets(toJson, "success"));
            assertEquals(UPDATE_ATTRIBUTE, name.getType(), toJson.getName() + " -> " + name.getName());
            assertEquals(Map.of("filename", "${filename}.json"), name.getProperties(), name.getName() + ": card.jpg gets card.jpg.json");

            final VersionedProcessor reason = only(targets(name, "success"));
            assertEquals(directory, directoryOf(reason), reason.getName() + ": the reason goes beside the image");
            assertFalse(reason.getIdentifier().equals(image.getIdentifier()), "a reason written by the image's PutFile would get a reason of its own");
            assertEquals(Set.of("success"), reason.getAutoTerminatedRelationships(), reason.getName());
            assertTrue(targets(reason, "success").isEmpty(), reason.getName());
            reasonWriters.add(reason.getIdentifier());
        }
        assertEquals(2, imageWriters.size(), "one image PutFile for review/, one for errors/");
        // every PutFile is one of: enrolled, an image writer, a reason writer
        for (final VersionedProcessor putFile : group.getProcessors()) {
            if (putFile.getType().equals(PUT_FILE)) {
                assertTrue(directoryOf(putFile).equals(ENROLLED) || imageWriters.contains(putFile.getIdentifier())
                        || reasonWriters.contains(putFile.getIdentifier()), putFile.getName() + " writes neither an image nor its reason");
                assertEquals(Set.of(putFile.getIdentifier()), targets(putFile, "failure"),
                        putFile.getName() + ": failure loops back, so a full disk keeps FlowFiles queued");
            }
        }
    }

    @Test
    void theCanvasReadsAtAGlance() {
        final Map<String, double[]> boxes = new HashMap<>();
        final List<Map.Entry<String, double[]>> drawn = new ArrayList<>();
        for (final VersionedProcessor processor : group.getProcessors()) {
            final double[] box = rectangle(processor.getPosition().getX(), processor.getPosition().getY(), PROCESSOR_WIDTH, PROCESSOR_HEIGHT);
            boxes.put(processor.getIdentifier(), box);
            drawn.add(Map.entry("processor " + processor.getName(), box));
        }
        final List<Map.Entry<String, double[]>> notes = new ArrayList<>();
        for (final VersionedLabel label : group.getLabels()) {
            final double[] box = rectangle(label.getPosition().getX(), label.getPosition().getY(), label.getWidth(), label.getHeight());
            notes.add(Map.entry("label '" + label.getLabel().lines().findFirst().orElse("") + "'", box));
        }
        drawn.addAll(notes);
        record Line(String name, String source, String destination, List<double[]> points) {
        }
        final List<Line> lines = new ArrayList<>();
        for (final VersionedConnection connection : group.getConnections()) {
            final String name = connection.getSource().getName() + " -" + String.join(",", new TreeSet<>(connection.getSelectedRelationships()))
                    + "-> " + connection.getDestination().getName();
            final List<double[]> points = new ArrayList<>();
            points.add(centre(boxes.get(connection.getSource().getId())));
            for (final Position bend : connection.getBends()) {
                points.add(new double[]{bend.getX(), bend.getY()});
            }
            points.add(centre(boxes.get(connection.getDestination().getId())));
            final double[] at;
            if (connection.getBends().isEmpty()) {
                final double[] from = points.get(0);
                final double[] to = points.get(points.size() - 1);
                at = new double[]{(from[0] + to[0]) / 2, (from[1] + to[1]) / 2};
            } else {
                at = points.get(1 + Math.min(Math.max(0, connection.getLabelIndex()), connection.getBends().size() - 1));
            }
            drawn.add(Map.entry("the label of " + name, rectangle(at[0] - CONNECTION_LABEL_WIDTH / 2, at[1] - CONNECTION_LABEL_HEIGHT / 2,
                    CONNECTION_LABEL_WIDTH, CONNECTION_LABEL_HEIGHT)));
            lines.add(new Line(name, connection.getSource().getId(), connection.getDestination().getId(), points));
        }
        final List<String> problems = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            for (int j = i + 1; j < drawn.size(); j++) {
                if (overlaps(drawn.get(i).getValue(), drawn.get(j).getValue())) {
                    problems.add(drawn.get(i).getKey() + " overlaps " + drawn.get(j).getKey());
                }
            }
        }
        for (final Line line : lines) {
            for (int k = 1; k < line.points().size(); k++) {
                final double[] from = line.points().get(k - 1);
                final double[] to = line.points().get(k);
                for (final VersionedProcessor processor : group.getProcessors()) {
                    final String id = processor.getIdentifier();
                    if (!id.equals(line.source()) && !id.equals(line.destination()) && crosses(from, to, boxes.get(id))) {
                        problems.add(line.name() + " crosses processor " + processor.getName());
                    }
                }
                for (final Map.Entry<String, double[]> note : notes) {
                    if (crosses(from, to, note.getValue())) {
                        problems.add(line.name() + " crosses " + note.getKey());
                    }
                }
                for (final Map.Entry<String, double[]> other : drawn) {
                    if (other.getKey().startsWith("the label of ") && !other.getKey().equals("the label of " + line.name())
                            && crosses(from, to, other.getValue())) {
                        problems.add(line.name() + " crosses " + other.getKey());
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        // top to bottom: camera, recognition, then every step below the one that feeds it
        for (final VersionedConnection connection : group.getConnections()) {
            final double[] from = boxes.get(connection.getSource().getId());
            final double[] to = boxes.get(connection.getDestination().getId());
            assertTrue(from == to || to[1] >= from[1], connection.getSource().getName() + " -> " + connection.getDestination().getName()
                    + " goes up the canvas");
        }
    }

    @Test
    void theServiceIsInTheGroupAndTakesItsSettingsFromParameters() {
        final VersionedProcessor recognize = processor(SignAndRecognizeIdCard.class.getName());
        final String serviceId = recognize.getProperties().get(SignAndRecognizeIdCard.OCR_SERVICE.getName());
        final VersionedControllerService service = service();
        assertEquals(service.getIdentifier(), serviceId, "ID Card OCR Service must reference the group's service");
        assertEquals(group.getIdentifier(), service.getGroupIdentifier());
        assertEquals("#{Tencent Secret ID}", service.getProperties().get(TencentCloudIdCardOcrService.SECRET_ID.getName()));
        assertEquals("#{Tencent Secret Key}", service.getProperties().get(TencentCloudIdCardOcrService.SECRET_KEY.getName()));
        assertEquals("#{Tencent Endpoint URL}", service.getProperties().get(TencentCloudIdCardOcrService.ENDPOINT_URL.getName()));
        assertEquals(TencentCloudIdCardOcrService.ENDPOINT_URL.getDefaultValue(), parameter("Tencent Endpoint URL").getValue());
    }

    @Test
    void everyReferencedParameterExists() {
        final Set<String> defined = context().getParameters().stream().map(VersionedParameter::getName).collect(Collectors.toSet());
        final Set<String> referenced = new TreeSet<>();
        for (final VersionedConfigurableExtension component : extensions()) {
            for (final String value : component.getProperties().values()) {
                final Matcher matcher = PARAMETER_REFERENCE.matcher(value == null ? "" : value);
                while (matcher.find()) {
                    referenced.add(matcher.group(1));
                }
            }
        }
        final Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(defined);
        assertTrue(missing.isEmpty(), "parameters referenced but not in the context: " + missing);
        assertEquals(defined, referenced, "every parameter is used");
    }

    @Test
    void noSecretIsInTheFile() {
        final Set<String> sensitive = new HashSet<>();
        for (final VersionedParameter parameter : context().getParameters()) {
            if (parameter.isSensitive()) {
                sensitive.add(parameter.getName());
                assertNull(parameter.getValue(), "sensitive parameter '" + parameter.getName() + "' must have no value");
            }
        }
        assertEquals(Set.of("Tencent Secret ID", "Tencent Secret Key"), sensitive);
        for (final VersionedConfigurableExtension component : extensions()) {
            component.getPropertyDescriptors().forEach((name, descriptor) -> {
                final String value = component.getProperties().get(name);
                if (descriptor.isSensitive() && value != null) {
                    final Matcher matcher = PARAMETER_REFERENCE.matcher(value);
                    assertTrue(matcher.matches() && sensitive.contains(matcher.group(1)),
                            component.getName() + ": sensitive property '" + name + "' may only reference a sensitive parameter");
                }
            });
        }
        // A Tencent SecretId starts with AKID; nothing like one may slip into comments or labels either
        assertFalse(raw.contains("AKID"), "the file contains something like a Tencent SecretId");
    }

    private static void assertProperties(final VersionedConfigurableExtension component, final ConfigurableComponent instance) {
        final Map<String, PropertyDescriptor> real = instance.getPropertyDescriptors().stream()
                .collect(Collectors.toMap(PropertyDescriptor::getName, Function.identity()));
        for (final Map.Entry<String, String> property : component.getProperties().entrySet()) {
            final PropertyDescriptor descriptor = real.get(property.getKey());
            assertNotNull(descriptor, component.getName() + ": '" + property.getKey() + "' is not a property of "
                    + instance.getClass().getSimpleName() + "; it has " + real.keySet());
            final VersionedPropertyDescriptor declared = component.getPropertyDescriptors().get(property.getKey());
            assertNotNull(declared, component.getName() + ": no propertyDescriptors entry for " + property.getKey());
            assertEquals(descriptor.isSensitive(), declared.isSensitive(), component.getName() + ": sensitivity of " + property.getKey());
            assertEquals(descriptor.getControllerServiceDefinition() != null, declared.getIdentifiesControllerService(),
                    component.getName() + ": identifiesControllerService of " + property.getKey());
            final String value = property.getValue();
            final List<AllowableValue> allowed = descriptor.getAllowableValues();
            if (value != null && allowed != null && !PARAMETER_REFERENCE.matcher(value).find()) {
                assertTrue(allowed.stream().anyMatch(a -> a.getValue().equals(value)), component.getName() + ": '"
                        + value + "' is not an allowed value of " + property.getKey());
            }
        }
        assertEquals(component.getProperties().keySet(), component.getPropertyDescriptors().keySet(),
                component.getName() + ": propertyDescriptors and properties differ");
    }

    private static double[] rectangle(final double x, final double y, final double width, final double height) {
        return new double[]{x, y, x + width, y + height};
    }

    private static double[] centre(final double[] box) {
        return new double[]{(box[0] + box[2]) / 2, (box[1] + box[3]) / 2};
    }

    private static boolean overlaps(final double[] a, final double[] b) {
        return a[0] < b[2] + MARGIN && b[0] < a[2] + MARGIN && a[1] < b[3] + MARGIN && b[1] < a[3] + MARGIN;
    }

    /** Whether the segment from-to passes through the box grown by MARGIN (Liang-Barsky clipping). */
    private static boolean crosses(final double[] from, final double[] to, final double[] box) {
        final double dx = to[0] - from[0];
        final double dy = to[1] - from[1];
        final double[] p = {-dx, dx, -dy, dy};
        final double[] q = {from[0] - (box[0] - MARGIN), box[2] + MARGIN - from[0], from[1] - (box[1] - MARGIN), box[3] + MARGIN - from[1]};
        double enter = 0;
        double leave = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return false;
                }
            } else if (p[i] < 0) {
                enter = Math.max(enter, q[i] / p[i]);
            } else {
                leave = Math.min(leave, q[i] / p[i]);
            }
        }
        return enter < leave;
    }

    private static Set<String> relationships(final VersionedProcessor processor) {
        final Class<? extends Processor> ours = OUR_PROCESSORS.get(processor.getType());
        if (ours != null) {
            return TestRunners.newTestRunner(ours).getProcessor().getRelationships().stream()
                    .map(Relationship::getName).collect(Collectors.toSet());
        }
        final StandardProcessor standard = STANDARD.get(processor.getType());
        assertNotNull(standard, "unknown processor type " + processor.getType());
        return standard.relationships();
    }

    private static Set<String> targets(final VersionedProcessor source, final String relationship) {
        return group.getConnections().stream()
                .filter(c -> c.getSource().getId().equals(source.getIdentifier()) && c.getSelectedRelationships().contains(relationship))
                .map(c -> c.getDestination().getId()).collect(Collectors.toSet());
    }

    private static VersionedProcessor only(final Set<String> ids) {
        assertEquals(1, ids.size(), "expected exactly one destination, got " + ids);
        final String id = ids.iterator().next();
        return group.getProcessors().stream().filter(p -> p.getIdentifier().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no processor " + id));
    }

    private static String directoryOf(final VersionedProcessor putFile) {
        assertEquals(PUT_FILE, putFile.getType(), putFile.getName());
        return putFile.getProperties().get("Directory");
    }

    private static VersionedProcessor processor(final String type) {
        final List<VersionedProcessor> found = group.getProcessors().stream().filter(p -> p.getType().equals(type)).toList();
        assertEquals(1, found.size(), "processors of type " + type);
        return found.get(0);
    }

    private static VersionedControllerService service() {
        assertEquals(1, group.getControllerServices().size(), "controller services in the group");
        return group.getControllerServices().iterator().next();
    }

    private static List<VersionedConfigurableExtension> extensions() {
        final List<VersionedConfigurableExtension> all = new ArrayList<>(group.getProcessors());
        all.addAll(group.getControllerServices());
        return all;
    }

    private static VersionedParameterContext context() {
        return snapshot.getParameterContexts().get(CONTEXT_NAME);
    }

    private static VersionedParameter parameter(final String name) {
        return context().getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    private static void assertBundle(final Bundle expected, final Bundle actual, final String what) {
        assertNotNull(actual, what + ": no bundle");
        assertEquals(List.of(expected.getGroup(), expected.getArtifact(), expected.getVersion()),
                List.of(actual.getGroup(), actual.getArtifact(), actual.getVersion()), what + ": bundle");
    }

    private static Bundle bundle(final String group, final String artifact, final String version) {
        final Bundle bundle = new Bundle();
        bundle.setGroup(group);
        bundle.setArtifact(artifact);
        bundle.setVersion(version);
        return bundle;
    }

    private static String simpleName(final String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
