package dev.nifiidcard.testing;

import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ConfigVerificationResult;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks of Verify's results, shared by the provider services' tests. */
public final class Verification {

    private Verification() {
    }

    /** Verify reported exactly these steps' outcomes, in this order. */
    public static void assertOutcomes(final List<ConfigVerificationResult> results, final Outcome... outcomes) {
        assertEquals(List.of(outcomes), results.stream().map(ConfigVerificationResult::getOutcome).toList(), results.toString());
    }

    /** A local port nothing listens on, for an endpoint that cannot be reached. */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
