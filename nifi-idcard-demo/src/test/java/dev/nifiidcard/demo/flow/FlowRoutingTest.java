package dev.nifiidcard.demo.flow;

import dev.nifiidcard.camera.GetCameraImage;
import dev.nifiidcard.processors.SignAndRecognizeIdCard;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.nifiidcard.demo.flow.FlowComponents.ATTRIBUTES_TO_JSON;
import static dev.nifiidcard.demo.flow.FlowComponents.ENROLLED;
import static dev.nifiidcard.demo.flow.FlowComponents.ERRORS;
import static dev.nifiidcard.demo.flow.FlowComponents.PUT_FILE;
import static dev.nifiidcard.demo.flow.FlowComponents.REVIEW;
import static dev.nifiidcard.demo.flow.FlowDefinition.directoryOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every flow does with a FlowFile: the camera feeds recognition, every relationship goes somewhere, NiFi retries
 * what may pass later, and every recognition ends in enrolled/, review/ or errors/.
 */
class FlowRoutingTest {

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void everyRelationshipIsConnectedOrAutoTerminated(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final Map<String, VersionedProcessor> byId = definition.group().getProcessors().stream()
                .collect(Collectors.toMap(VersionedProcessor::getIdentifier, Function.identity()));
        final Map<String, Set<String>> routed = new HashMap<>();
        for (final VersionedConnection connection : definition.group().getConnections()) {
            final VersionedProcessor source = byId.get(connection.getSource().getId());
            assertNotNull(source, "connection from an unknown component " + connection.getSource().getId());
            assertNotNull(byId.get(connection.getDestination().getId()),
                    "connection from " + source.getName() + " to an unknown component " + connection.getDestination().getId());
            assertEquals(definition.group().getIdentifier(), connection.getSource().getGroupId());
            assertEquals(definition.group().getIdentifier(), connection.getDestination().getGroupId());
            assertFalse(connection.getSelectedRelationships().isEmpty(), "a connection without relationships from " + source.getName());
            routed.computeIfAbsent(source.getIdentifier(), id -> new TreeSet<>()).addAll(connection.getSelectedRelationships());
        }
        for (final VersionedProcessor processor : definition.group().getProcessors()) {
            final Set<String> relationships = FlowComponents.relationships(processor);
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

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void theSpecimenCameraFeedsRecognitionAndEverySuccessIsEnrolled(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final VersionedProcessor camera = definition.processor(GetCameraImage.class.getName());
        assertEquals("PRIMARY", camera.getExecutionNode(), "a camera runs on the primary node only");
        assertEquals("Specimen", camera.getProperties().get("Capture Mode"));
        assertEquals("Sharp Still Card", camera.getProperties().get("Quality Gate"));
        assertEquals(SignAndRecognizeIdCard.class.getName(), definition.only(definition.targets(camera, "success")).getType());

        final Set<String> toJson = new HashSet<>();
        for (final VersionedProcessor recognizer : definition.recognizers()) {
            toJson.addAll(definition.targets(recognizer, "success"));
        }
        final VersionedProcessor json = definition.only(toJson);
        assertEquals(ATTRIBUTES_TO_JSON, json.getType(), "every recognizer's success goes to one JSON step");
        assertEquals("flowfile-content", json.getProperties().get("Destination"));
        assertTrue(Pattern.matches(json.getProperties().get("Attributes Regular Expression"), "idcard.number"));
        assertFalse(Pattern.matches(json.getProperties().get("Attributes Regular Expression"), "filename"));
        assertEquals(ENROLLED, directoryOf(definition.only(definition.targets(json, "success"))));
        assertEquals(ERRORS, directoryOf(definition.only(definition.targets(json, "failure"))), "a card whose JSON failed keeps its image in errors/");
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void nifiRetriesTheRetryRelationshipOfEveryRecognizerAndWhatStillFailsGoesToErrors(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        for (final VersionedProcessor recognizer : definition.recognizers()) {
            final String name = recognizer.getName();
            assertEquals(Set.of(SignAndRecognizeIdCard.REL_RETRY.getName()), recognizer.getRetriedRelationships(),
                    name + ": NiFi retries 'retry' itself, and nothing else");
            assertEquals(5, recognizer.getRetryCount(), name);
            assertEquals("PENALIZE_FLOWFILE", recognizer.getBackoffMechanism(), name + ": a throttled FlowFile waits; the processor keeps working");
            assertEquals("10 mins", recognizer.getMaxBackoffPeriod(), name);
            assertEquals("30 sec", recognizer.getPenaltyDuration(), name + ": the first back-off, doubled on every retry (docs/enrollment-flow.md)");
            assertEquals("50 millis", recognizer.getYieldDuration(), name + ": the processor's default: a trigger without a free call yields this long");
            // what is still failing after the last retry goes where failure goes: both on one connection, to errors/
            assertEquals(Set.of("failure", "retry"), definition.connection(recognizer, "retry").getSelectedRelationships(), name);
            assertEquals(ERRORS, directoryOf(definition.only(definition.targets(recognizer, "failure"))), name);
            assertFalse(recognizer.getAutoTerminatedRelationships().contains("retry"), name + ": retries exhausted must not be dropped");
            assertEquals("false", recognizer.getProperties().get(SignAndRecognizeIdCard.RETRY_AFTER_ANSWER_LOST.getName()),
                    name + ": an image sent whole whose answer was lost may be billed: it goes to errors/ for a person to decide");
        }
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void nothingLoopsBackButAFullDisk(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        for (final VersionedProcessor processor : definition.group().getProcessors()) {
            assertFalse(processor.getType().endsWith(".RetryFlowFile") || processor.getType().endsWith(".RouteOnAttribute"),
                    processor.getName() + ": the RouteOnAttribute + RetryFlowFile loop is replaced by NiFi's relationship retry");
        }
        // apart from the PutFiles' failure onto themselves, the connections form no cycle: no FlowFile is recognized twice by one recognizer
        final Map<String, Set<String>> next = new HashMap<>();
        for (final VersionedConnection connection : definition.group().getConnections()) {
            if (!connection.getSource().getId().equals(connection.getDestination().getId())) {
                next.computeIfAbsent(connection.getSource().getId(), id -> new HashSet<>()).add(connection.getDestination().getId());
            }
        }
        for (final VersionedProcessor start : definition.group().getProcessors()) {
            final Set<String> reached = new HashSet<>();
            final List<String> todo = new ArrayList<>(next.getOrDefault(start.getIdentifier(), Set.of()));
            while (!todo.isEmpty()) {
                final String id = todo.remove(todo.size() - 1);
                assertFalse(id.equals(start.getIdentifier()), start.getName() + " is reached again from itself");
                if (reached.add(id)) {
                    todo.addAll(next.getOrDefault(id, Set.of()));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void everyImageInReviewAndErrorsHasItsReasonBesideIt(final EnrollmentFlow flow) {
        final FlowDefinition definition = FlowDefinition.of(flow);
        final Set<String> imageWriters = new HashSet<>();
        for (final VersionedProcessor recognizer : definition.recognizers()) {
            // the docs say what the number looks like in the reason files: as ID Number In Attributes says
            assertEquals("Full", recognizer.getProperties().get(SignAndRecognizeIdCard.ID_NUMBER_IN_ATTRIBUTES.getName()),
                    recognizer.getName() + ": docs/enrollment-flow.md describes the number in enrolled/ and the reason files as Full");
            for (final String relationship : List.of("warning", "failure", "retry")) {
                for (final String id : definition.targets(recognizer, relationship)) {
                    final VersionedProcessor target = definition.only(Set.of(id));
                    if (target.getType().equals(PUT_FILE)) {
                        imageWriters.add(id);
                    } else {
                        // not written yet: a doubt that goes on to another recognizer, which writes it
                        assertEquals("warning", relationship, recognizer.getName() + " -" + relationship + "-> " + target.getName());
                        assertEquals(SignAndRecognizeIdCard.class.getName(), definition.only(definition.targets(target, "success")).getType(),
                                target.getName() + " leads to another recognizer");
                    }
                }
            }
            imageWriters.addAll(definition.targets(definition.only(definition.targets(recognizer, "success")), "failure"));
        }
        final Set<String> reasonWriters = new HashSet<>();
        for (final String id : imageWriters) {
            reasonWriters.add(ReasonFiles.assertReasonBeside(definition, definition.only(Set.of(id))).getIdentifier());
        }
        assertEquals(2, imageWriters.size(), "one image PutFile for review/, one for errors/");
        assertEquals(Set.of(REVIEW, ERRORS), imageWriters.stream().map(id -> directoryOf(definition.only(Set.of(id)))).collect(Collectors.toSet()));
        // every PutFile is one of: enrolled, an image writer, a reason writer
        for (final VersionedProcessor putFile : definition.processors(PUT_FILE)) {
            assertTrue(directoryOf(putFile).equals(ENROLLED) || imageWriters.contains(putFile.getIdentifier())
                    || reasonWriters.contains(putFile.getIdentifier()), putFile.getName() + " writes neither an image nor its reason");
            assertEquals(Set.of(putFile.getIdentifier()), definition.targets(putFile, "failure"),
                    putFile.getName() + ": failure loops back, so a full disk keeps FlowFiles queued");
        }
    }
}
