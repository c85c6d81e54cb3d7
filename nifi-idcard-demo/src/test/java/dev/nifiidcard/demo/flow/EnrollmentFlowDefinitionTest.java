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
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
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

    /** What the flow may use of a standard processor: its property names and relationships. */
    private record StandardProcessor(Set<String> properties, Set<String> relationships, boolean dynamicProperties) {
    }

    /**
     * Property names (the descriptors' {@code name(...)}, not display names) and relationships of the standard
     * processors used by the flow, read in apache/nifi at tag rel/nifi-2.8.0 in
     * nifi-extension-bundles/nifi-standard-bundle/nifi-standard-processors/src/main/java/org/apache/nifi/processors/standard/.
     * In 2.8 RetryFlowFile's and AttributesToJSON's old names (retry-attribute, maximum-retries, ...) are only
     * migrated on load; the flow must use the new ones. RouteOnAttribute adds one relationship per dynamic property
     * under "Route to Property name"; RetryFlowFile's dynamic properties become attributes on retries_exceeded.
     */
    private static final Map<String, StandardProcessor> STANDARD = Map.of(
            "org.apache.nifi.processors.standard.PutFile", new StandardProcessor(
                    Set.of("Directory", "Conflict Resolution Strategy", "Create Missing Directories", "Maximum File Count",
                            "Last Modified Time", "Permissions", "Owner", "Group"),
                    Set.of("success", "failure"), false),
            "org.apache.nifi.processors.standard.AttributesToJSON", new StandardProcessor(
                    Set.of("Attributes List", "Attributes Regular Expression", "Destination", "Include Core Attributes",
                            "Null Value", "JSON Handling Strategy", "Pretty Print"),
                    Set.of("success", "failure"), false),
            "org.apache.nifi.processors.standard.RouteOnAttribute", new StandardProcessor(
                    Set.of("Routing Strategy"), Set.of("unmatched"), true),
            "org.apache.nifi.processors.standard.RetryFlowFile", new StandardProcessor(
                    Set.of("Retry Attribute", "Maximum Retries", "Penalize Retries", "Fail on Nonnumerical Overwrite", "Reuse Mode"),
                    Set.of("retry", "retries_exceeded", "failure"), true));

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
            assertBundle(standard ? STANDARD_BUNDLE : ourBundle, component.getBundle(), component.getName());
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
        assertEquals("org.apache.nifi.processors.standard.AttributesToJSON", toJson.getType());
        assertEquals("flowfile-content", toJson.getProperties().get("Destination"));
        assertTrue(Pattern.matches(toJson.getProperties().get("Attributes Regular Expression"), "idcard.number"));
        assertFalse(Pattern.matches(toJson.getProperties().get("Attributes Regular Expression"), "filename"));
        assertEquals("#{Output Directory}/enrolled", directoryOf(only(targets(toJson, "success"))));
        assertEquals("#{Output Directory}/review", directoryOf(only(targets(recognize, "warning"))));

        final VersionedProcessor route = only(targets(recognize, "failure"));
        assertEquals("org.apache.nifi.processors.standard.RouteOnAttribute", route.getType());
        assertEquals("Route to Property name", route.getProperties().get("Routing Strategy"));
        final String retryable = onlyName(dynamicProperties(route));
        assertEquals("${idcard.error.retryable:equals('true')}", route.getProperties().get(retryable));
        final VersionedProcessor retry = only(targets(route, retryable));
        assertEquals("org.apache.nifi.processors.standard.RetryFlowFile", retry.getType());
        assertEquals("true", retry.getProperties().get("Penalize Retries"));
        assertTrue(Integer.parseInt(retry.getProperties().get("Maximum Retries")) > 0);
        assertEquals(Set.of(recognize.getIdentifier()), targets(retry, "retry"), "the retry loop goes back to recognition");
        final String errors = "#{Output Directory}/errors";
        assertEquals(errors, directoryOf(only(targets(retry, "retries_exceeded"))));
        assertEquals(errors, directoryOf(only(targets(route, "unmatched"))));
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

    private static Set<String> relationships(final VersionedProcessor processor) {
        final Class<? extends Processor> ours = OUR_PROCESSORS.get(processor.getType());
        if (ours != null) {
            return TestRunners.newTestRunner(ours).getProcessor().getRelationships().stream()
                    .map(Relationship::getName).collect(Collectors.toSet());
        }
        final StandardProcessor standard = STANDARD.get(processor.getType());
        assertNotNull(standard, "unknown processor type " + processor.getType());
        final Set<String> relationships = new HashSet<>(standard.relationships());
        if (processor.getType().endsWith(".RouteOnAttribute")) {
            relationships.addAll(dynamicProperties(processor));
        }
        return relationships;
    }

    private static Set<String> dynamicProperties(final VersionedProcessor processor) {
        return processor.getPropertyDescriptors().values().stream().filter(VersionedPropertyDescriptor::isDynamic)
                .map(VersionedPropertyDescriptor::getName).collect(Collectors.toSet());
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

    private static String onlyName(final Set<String> names) {
        assertEquals(1, names.size(), "expected exactly one, got " + names);
        return names.iterator().next();
    }

    private static String directoryOf(final VersionedProcessor putFile) {
        assertEquals("org.apache.nifi.processors.standard.PutFile", putFile.getType(), putFile.getName());
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
