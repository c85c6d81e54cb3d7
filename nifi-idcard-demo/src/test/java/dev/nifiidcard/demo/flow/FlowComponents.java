package dev.nifiidcard.demo.flow;

import dev.nifiidcard.camera.GetCameraImage;
import dev.nifiidcard.offline.PaddleOcrIdCardOcrService;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import dev.nifiidcard.tencent.TencentCloudIdCardOcrService;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flow.Bundle;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.flow.VersionedPropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.TestRunners;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the flows may use: our components, checked by instantiating them, and the standard ones, checked against
 * {@link #STANDARD}, a list verified by hand.
 */
final class FlowComponents {

    static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");
    static final Bundle STANDARD_BUNDLE = bundle("org.apache.nifi", "nifi-standard-nar", "2.8.0");
    static final Bundle UPDATE_ATTRIBUTE_BUNDLE = bundle("org.apache.nifi", "nifi-update-attribute-nar", "2.8.0");

    static final String PUT_FILE = "org.apache.nifi.processors.standard.PutFile";
    static final String ATTRIBUTES_TO_JSON = "org.apache.nifi.processors.standard.AttributesToJSON";
    static final String UPDATE_ATTRIBUTE = "org.apache.nifi.processors.attributes.UpdateAttribute";
    static final String ENROLLED = "#{Output Directory}/enrolled";
    static final String REVIEW = "#{Output Directory}/review";
    static final String ERRORS = "#{Output Directory}/errors";

    /** The offline recognizer, in nifi-idcard-offline-nar (parent nifi-idcard-service-api-nar, like nifi-idcard-nar). */
    static final String OFFLINE_SERVICE = PaddleOcrIdCardOcrService.class.getName();

    /** What the flow may use of a standard processor: its bundle, property names and relationships. */
    record StandardProcessor(Bundle bundle, Set<String> properties, Set<String> relationships, boolean dynamicProperties) {
    }

    /**
     * Property names (the descriptors' {@code name(...)}, not display names) and relationships of the standard
     * processors used by the flows, read in apache/nifi at tag rel/nifi-2.8.0 in
     * nifi-extension-bundles/nifi-standard-bundle/nifi-standard-processors/src/main/java/org/apache/nifi/processors/standard/
     * and nifi-extension-bundles/nifi-update-attribute-bundle/nifi-update-attribute-processor/ (UpdateAttribute is in its
     * own NAR, part of every NiFi distribution). In 2.8 AttributesToJSON's and UpdateAttribute's old names
     * (attributes-to-json-regex, canonical-value-lookup-cache-size, ...) are only migrated on load; the flows must use the
     * new ones. UpdateAttribute's dynamic properties are the attributes it sets; its 'set state fail' relationship exists
     * only with Store State "Store state locally", which the flows do not use. RouteOnAttribute and RetryFlowFile,
     * the retry loop of earlier versions, are not allowed any more: NiFi's relationship retry replaces them.
     */
    static final Map<String, StandardProcessor> STANDARD = Map.of(
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

    /** Our processors, as NiFi would instantiate them. */
    static final Map<String, Class<? extends Processor>> OUR_PROCESSORS = Map.of(
            GetCameraImage.class.getName(), GetCameraImage.class,
            SignAndRecognizeIdCard.class.getName(), SignAndRecognizeIdCard.class);

    /** Our controller services, as NiFi would instantiate them (the offline one loads its models only when enabled). */
    static final Map<String, Supplier<ConfigurableComponent>> OUR_SERVICES = Map.of(
            TencentCloudIdCardOcrService.class.getName(), TencentCloudIdCardOcrService::new,
            OFFLINE_SERVICE, PaddleOcrIdCardOcrService::new);

    private FlowComponents() {
    }

    static boolean isOurs(final String type) {
        return OUR_PROCESSORS.containsKey(type) || OUR_SERVICES.containsKey(type);
    }

    /** The NAR that holds one of our components. */
    static Bundle ourBundle(final String type) {
        return bundle("dev.nifiidcard", type.equals(OFFLINE_SERVICE) ? "nifi-idcard-offline-nar" : "nifi-idcard-nar", projectVersion());
    }

    static String projectVersion() {
        final String version = System.getProperty("project.version");
        assertNotNull(version, "surefire must pass project.version");
        return version;
    }

    static Set<String> relationships(final VersionedProcessor processor) {
        final Class<? extends Processor> ours = OUR_PROCESSORS.get(processor.getType());
        if (ours != null) {
            return TestRunners.newTestRunner(ours).getProcessor().getRelationships().stream()
                    .map(Relationship::getName).collect(Collectors.toSet());
        }
        final StandardProcessor standard = STANDARD.get(processor.getType());
        assertNotNull(standard, "unknown processor type " + processor.getType());
        return standard.relationships();
    }

    /** The component sets only properties the instance has, declared with the instance's sensitivity, with allowed values. */
    static void assertProperties(final VersionedConfigurableExtension component, final ConfigurableComponent instance) {
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

    static void assertBundle(final Bundle expected, final Bundle actual, final String what) {
        assertNotNull(actual, what + ": no bundle");
        assertEquals(List.of(expected.getGroup(), expected.getArtifact(), expected.getVersion()),
                List.of(actual.getGroup(), actual.getArtifact(), actual.getVersion()), what + ": bundle");
    }

    static Bundle bundle(final String group, final String artifact, final String version) {
        final Bundle bundle = new Bundle();
        bundle.setGroup(group);
        bundle.setArtifact(artifact);
        bundle.setVersion(version);
        return bundle;
    }

    static String simpleName(final String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
