package io.eventpipeline.operator.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * What every logger writes while this is open, at the levels the test configuration lets through
 * (INFO for the operator's own classes, WARN for everything else).
 */
public final class CapturedLogs implements AutoCloseable {
    /** One logged line: who wrote it, at which level, and the stack trace it carried, if any. */
    public record Line(String logger, Level level, String message, Throwable thrown) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender =
            new AbstractAppender(
                    "captured-" + System.identityHashCode(this),
                    null,
                    null,
                    true,
                    Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    lines.add(
                            new Line(
                                    event.getLoggerName(),
                                    event.getLevel(),
                                    event.getMessage().getFormattedMessage(),
                                    event.getThrown()));
                }
            };

    private CapturedLogs() {
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
