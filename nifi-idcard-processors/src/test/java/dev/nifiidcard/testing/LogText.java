package dev.nifiidcard.testing;

import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Everything a component logged, as one text to search for leaks. */
public final class LogText {

    private LogText() {
    }

    /** Every message of every level with its arguments and the whole chain of its throwable, suppressed ones included. */
    public static String of(final MockComponentLog log) {
        final StringBuilder text = new StringBuilder();
        Stream.of(log.getTraceMessages(), log.getDebugMessages(), log.getInfoMessages(), log.getWarnMessages(), log.getErrorMessages())
                .flatMap(List::stream)
                .forEach(message -> append(text, message));
        return text.toString();
    }

    private static void append(final StringBuilder text, final LogMessage message) {
        text.append(message.getMsg()).append(Arrays.deepToString(message.getArgs())).append('\n');
        appendThrowable(text, message.getThrowable());
        for (final Object arg : message.getArgs() == null ? new Object[0] : message.getArgs()) {
            if (arg instanceof Throwable t) {
                appendThrowable(text, t);
            }
        }
    }

    private static void appendThrowable(final StringBuilder text, final Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            text.append(t).append('\n');
            for (final Throwable suppressed : t.getSuppressed()) {
                appendThrowable(text, suppressed);
            }
        }
    }
}
