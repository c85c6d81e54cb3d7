package dev.nifiidcard.demo.flow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** One flow definition read into NiFi's own flow model (nifi-api), and the ways the checks walk it. */
final class FlowDefinition {

    private static final Map<EnrollmentFlow, FlowDefinition> LOADED = new EnumMap<>(EnrollmentFlow.class);

    private final EnrollmentFlow flow;
    private final String raw;
    private final RegisteredFlowSnapshot snapshot;

    private FlowDefinition(final EnrollmentFlow flow, final String raw, final RegisteredFlowSnapshot snapshot) {
        this.flow = flow;
        this.raw = raw;
        this.snapshot = snapshot;
    }

    static synchronized FlowDefinition of(final EnrollmentFlow flow) {
        return LOADED.computeIfAbsent(flow, FlowDefinition::load);
    }

    private static FlowDefinition load(final EnrollmentFlow flow) {
        // nifi-api's model classes are plain beans: an unknown (misspelt) field fails the load
        final ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        try {
            return new FlowDefinition(flow, Files.readString(flow.file()),
                    mapper.readValue(flow.file().toFile(), RegisteredFlowSnapshot.class));
        } catch (final IOException e) {
            throw new UncheckedIOException(flow.file() + ": " + e.getMessage(), e);
        }
    }

    EnrollmentFlow flow() {
        return flow;
    }

    String raw() {
        return raw;
    }

    RegisteredFlowSnapshot snapshot() {
        return snapshot;
    }

    VersionedProcessGroup group() {
        return snapshot.getFlowContents();
    }

    /** The ids of the components a processor's relationship leads to. */
    Set<String> targets(final VersionedProcessor source, final String relationship) {
        return group().getConnections().stream()
                .filter(c -> c.getSource().getId().equals(source.getIdentifier()) && c.getSelectedRelationships().contains(relationship))
                .map(c -> c.getDestination().getId()).collect(Collectors.toSet());
    }

    VersionedConnection connection(final VersionedProcessor source, final String relationship) {
        return group().getConnections().stream()
                .filter(c -> c.getSource().getId().equals(source.getIdentifier()) && c.getSelectedRelationships().contains(relationship))
                .findFirst().orElseThrow(() -> new AssertionError(source.getName() + ": '" + relationship + "' is not connected"));
    }

    VersionedProcessor only(final Set<String> ids) {
        assertEquals(1, ids.size(), "expected exactly one destination, got " + ids);
        final String id = ids.iterator().next();
        return group().getProcessors().stream().filter(p -> p.getIdentifier().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no processor " + id));
    }

    /** The one processor of a type. */
    VersionedProcessor processor(final String type) {
        final List<VersionedProcessor> found = processors(type);
        assertEquals(1, found.size(), "processors of type " + type);
        return found.get(0);
    }

    List<VersionedProcessor> processors(final String type) {
        return group().getProcessors().stream().filter(p -> p.getType().equals(type)).toList();
    }

    VersionedProcessor named(final String name) {
        return group().getProcessors().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no processor named '" + name + "'"));
    }

    List<VersionedProcessor> recognizers() {
        return processors(SignAndRecognizeIdCard.class.getName());
    }

    /** The controller service a recognizer's ID Card OCR Service names. */
    VersionedControllerService serviceOf(final VersionedProcessor recognizer) {
        final String id = recognizer.getProperties().get(SignAndRecognizeIdCard.OCR_SERVICE.getName());
        assertNotNull(id, recognizer.getName() + ": no ID Card OCR Service");
        return group().getControllerServices().stream().filter(s -> s.getIdentifier().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(recognizer.getName() + ": ID Card OCR Service must reference a service of the group"));
    }

    /** The one controller service of a type. */
    VersionedControllerService service(final String type) {
        final List<VersionedControllerService> found = group().getControllerServices().stream().filter(s -> s.getType().equals(type)).toList();
        assertEquals(1, found.size(), "controller services of type " + type);
        return found.get(0);
    }

    List<VersionedConfigurableExtension> extensions() {
        final List<VersionedConfigurableExtension> all = new ArrayList<>(group().getProcessors());
        all.addAll(group().getControllerServices());
        return all;
    }

    VersionedParameterContext context() {
        return snapshot.getParameterContexts().get(flow.groupName());
    }

    VersionedParameter parameter(final String name) {
        return context().getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    static String directoryOf(final VersionedProcessor putFile) {
        assertEquals(FlowComponents.PUT_FILE, putFile.getType(), putFile.getName());
        return putFile.getProperties().get("Directory");
    }
}
