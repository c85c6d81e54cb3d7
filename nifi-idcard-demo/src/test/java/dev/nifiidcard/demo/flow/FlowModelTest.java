package dev.nifiidcard.demo.flow;

import dev.nifiidcard.ocr.IdCardOcrService;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.flow.VersionedPropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import static dev.nifiidcard.demo.flow.FlowComponents.PARAMETER_REFERENCE;
import static dev.nifiidcard.demo.flow.FlowComponents.STANDARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks every flow definition in flows/ against NiFi's own flow model (nifi-api) and against the components it
 * configures: our components by instantiating them, the standard ones against {@link FlowComponents#STANDARD}.
 */
class FlowModelTest {

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void isAProcessGroupSnapshotWithItsParameterContext(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final VersionedProcessGroup group = definition.group();
        assertNotNull(group, "flowContents");
        assertEquals(flow.groupName(), group.getName());
        assertEquals("1.0", definition.snapshot().getFlowEncodingVersion());
        assertNotNull(definition.snapshot().getExternalControllerServices(), "externalControllerServices");
        assertTrue(definition.snapshot().getExternalControllerServices().isEmpty(), "the flow brings its own controller services");
        assertEquals(flow.groupName(), group.getParameterContextName());
        assertNotNull(definition.context(), "parameterContexts must hold '" + flow.groupName() + "'");
        assertEquals(Set.of(flow.groupName()), definition.snapshot().getParameterContexts().keySet(), "one context, the group's own");
        assertTrue(group.getProcessGroups().isEmpty(), "one flat group");
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void ourComponentsHaveTheirTypeAndTheProjectVersion(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final Map<String, Long> ours = new HashMap<>();
        for (final VersionedConfigurableExtension component : definition.extensions()) {
            final boolean standard = STANDARD.containsKey(component.getType());
            final boolean our = FlowComponents.isOurs(component.getType());
            assertTrue(standard || our, component.getName() + ": unexpected type " + component.getType());
            FlowComponents.assertBundle(standard ? STANDARD.get(component.getType()).bundle() : FlowComponents.ourBundle(component.getType()),
                    component.getBundle(), component.getName());
            if (our) {
                ours.merge(component.getType(), 1L, Long::sum);
            }
        }
        assertEquals(flow.ourComponents(), ours);
        for (final VersionedControllerService service : definition.group().getControllerServices()) {
            assertEquals(1, service.getControllerServiceApis().size(), service.getName());
            assertEquals(IdCardOcrService.class.getName(), service.getControllerServiceApis().get(0).getType(), service.getName());
            // NiFi names the bundle that holds the API class: the service API NAR, the parent of nifi-idcard-nar and nifi-idcard-offline-nar
            FlowComponents.assertBundle(FlowComponents.bundle("dev.nifiidcard", "nifi-idcard-service-api-nar", FlowComponents.projectVersion()),
                    service.getControllerServiceApis().get(0).getBundle(), service.getName() + ": controller service API");
        }
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void ourComponentsSetOnlyTheirOwnPropertiesWithAllowedValues(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        for (final VersionedProcessor processor : definition.group().getProcessors()) {
            final Class<? extends Processor> type = FlowComponents.OUR_PROCESSORS.get(processor.getType());
            if (type != null) {
                FlowComponents.assertProperties(processor, TestRunners.newTestRunner(type).getProcessor());
            }
        }
        for (final VersionedControllerService service : definition.group().getControllerServices()) {
            final Supplier<ConfigurableComponent> instance = FlowComponents.OUR_SERVICES.get(service.getType());
            assertNotNull(instance, service.getName() + ": unexpected type " + service.getType());
            FlowComponents.assertProperties(service, instance.get());
        }
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void standardProcessorsSetOnlyVerifiedProperties(final EnrollmentFlow flow) {
        for (final VersionedProcessor processor : FlowDefinition.of(flow).group().getProcessors()) {
            final FlowComponents.StandardProcessor standard = STANDARD.get(processor.getType());
            if (standard == null) {
                continue;
            }
            for (final String name : processor.getProperties().keySet()) {
                final VersionedPropertyDescriptor descriptor = processor.getPropertyDescriptors().get(name);
                assertNotNull(descriptor, processor.getName() + ": no propertyDescriptors entry for " + name);
                final boolean dynamic = descriptor.isDynamic();
                assertEquals(dynamic, !standard.properties().contains(name),
                        processor.getName() + ": '" + name + "' is " + (dynamic ? "marked dynamic but is a property"
                                : "not a property of " + FlowComponents.simpleName(processor.getType()) + " in NiFi 2.8 (misspelt, or mark it dynamic)"));
                assertTrue(!dynamic || standard.dynamicProperties(), processor.getName() + ": no dynamic properties allowed: " + name);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void everyServiceIsInTheGroupAndUsedByOneRecognizer(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final Map<String, Long> uses = definition.recognizers().stream()
                .collect(Collectors.groupingBy(r -> definition.serviceOf(r).getIdentifier(), Collectors.counting()));
        for (final VersionedControllerService service : definition.group().getControllerServices()) {
            assertEquals(definition.group().getIdentifier(), service.getGroupIdentifier(), service.getName());
            assertEquals(1L, uses.getOrDefault(service.getIdentifier(), 0L), service.getName() + ": recognizers using it");
        }
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void everyReferencedParameterExists(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final Set<String> defined = definition.context().getParameters().stream().map(VersionedParameter::getName).collect(Collectors.toSet());
        final Set<String> referenced = new TreeSet<>();
        for (final VersionedConfigurableExtension component : definition.extensions()) {
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

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void noSecretIsInTheFile(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final Set<String> sensitive = new HashSet<>();
        for (final VersionedParameter parameter : definition.context().getParameters()) {
            if (parameter.isSensitive()) {
                sensitive.add(parameter.getName());
                assertNull(parameter.getValue(), "sensitive parameter '" + parameter.getName() + "' must have no value");
            }
        }
        assertEquals(flow.sensitiveParameters(), sensitive);
        for (final VersionedConfigurableExtension component : definition.extensions()) {
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
        assertFalse(definition.raw().contains("AKID"), "the file contains something like a Tencent SecretId");
    }
}
