package dev.nifiidcard.demo.flow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every flow's canvas as NiFi 2.8's UI draws it: nothing over anything else, read from top to bottom. */
class FlowCanvasTest {

    @ParameterizedTest
    @EnumSource(EnrollmentFlow.class)
    void theCanvasReadsAtAGlance(final EnrollmentFlow flow) {
        final CanvasLayout canvas = new CanvasLayout(FlowDefinition.of(flow).group());
        assertTrue(canvas.problems().isEmpty(), String.join("\n", canvas.problems()));
        // top to bottom: camera, recognition, then every step below the one that feeds it
        assertTrue(canvas.upwards().isEmpty(), String.join("\n", canvas.upwards()));
    }
}
