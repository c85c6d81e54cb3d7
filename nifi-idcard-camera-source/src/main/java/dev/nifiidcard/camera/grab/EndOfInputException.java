package dev.nifiidcard.camera.grab;

import java.io.EOFException;

/** The input ended and is not read again (a file played once, Loop File false): its end, not a failure. */
public final class EndOfInputException extends EOFException {

    public EndOfInputException(final String message) {
        super(message);
    }

    /** Whether this report, as the grabber hands it over (possibly wrapped with earlier reasons), is the input's end. */
    public static boolean isEnd(final Throwable report) {
        return report instanceof EndOfInputException || report.getCause() instanceof EndOfInputException;
    }
}
