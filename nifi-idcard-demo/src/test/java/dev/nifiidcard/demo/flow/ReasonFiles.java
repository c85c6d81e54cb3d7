package dev.nifiidcard.demo.flow;

import org.apache.nifi.flow.VersionedProcessor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.nifiidcard.demo.flow.FlowComponents.ATTRIBUTES_TO_JSON;
import static dev.nifiidcard.demo.flow.FlowComponents.ERRORS;
import static dev.nifiidcard.demo.flow.FlowComponents.REVIEW;
import static dev.nifiidcard.demo.flow.FlowComponents.UPDATE_ATTRIBUTE;
import static dev.nifiidcard.demo.flow.FlowDefinition.directoryOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reason file after an image: image PutFile, AttributesToJSON, UpdateAttribute (card.jpg.json), PutFile beside it. */
final class ReasonFiles {

    /** Attributes that say why an image is in review/ or errors/. */
    static final List<String> REASONS = List.of("idcard.warnings", "idcard.warning.codes", "idcard.error.code", "idcard.error.message",
            "idcard.error.retryable");

    private ReasonFiles() {
    }

    /** Checks the steps after an image PutFile and returns the PutFile of its reason file. */
    static VersionedProcessor assertReasonBeside(final FlowDefinition definition, final VersionedProcessor image) {
        final String directory = directoryOf(image);
        assertTrue(directory.equals(REVIEW) || directory.equals(ERRORS), image.getName() + " writes " + directory);
        assertFalse(image.getAutoTerminatedRelationships().contains("success"), image.getName() + ": success leads to the reason file");

        final VersionedProcessor toJson = definition.only(definition.targets(image, "success"));
        assertEquals(ATTRIBUTES_TO_JSON, toJson.getType(), image.getName() + " -> " + toJson.getName());
        assertEquals("flowfile-content", toJson.getProperties().get("Destination"), toJson.getName());
        final Pattern reasons = Pattern.compile(toJson.getProperties().get("Attributes Regular Expression"));
        for (final String attribute : REASONS) {
            assertTrue(reasons.matcher(attribute).matches(), toJson.getName() + " must keep " + attribute);
        }
        assertFalse(reasons.matcher("filename").matches(), toJson.getName());
        assertEquals("false", toJson.getProperties().getOrDefault("Include Core Attributes", "true"), toJson.getName());
        // with Escaped nothing is parsed, so failure cannot happen: auto-terminating it loses nothing
        assertEquals("ESCAPED", toJson.getProperties().get("JSON Handling Strategy"), toJson.getName());
        assertTrue(toJson.getAutoTerminatedRelationships().contains("failure"), toJson.getName());

        final VersionedProcessor name = definition.only(definition.targets(toJson, "success"));
        assertEquals(UPDATE_ATTRIBUTE, name.getType(), toJson.getName() + " -> " + name.getName());
        assertEquals(Map.of("filename", "${filename}.json"), name.getProperties(), name.getName() + ": card.jpg gets card.jpg.json");

        final VersionedProcessor reason = definition.only(definition.targets(name, "success"));
        assertEquals(directory, directoryOf(reason), reason.getName() + ": the reason goes beside the image");
        assertFalse(reason.getIdentifier().equals(image.getIdentifier()), "a reason written by the image's PutFile would get a reason of its own");
        assertEquals(Set.of("success"), reason.getAutoTerminatedRelationships(), reason.getName());
        assertTrue(definition.targets(reason, "success").isEmpty(), reason.getName());
        return reason;
    }
}
