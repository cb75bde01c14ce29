package io.tapbridge.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** The messages one logger writes while a test runs (log4j's own appender API, attached and detached by the test). */
final class LogCapture extends AbstractAppender implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final LoggerConfig logger;

    private LogCapture(String loggerName) {
        super("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        this.logger = context.getConfiguration().getLoggerConfig(loggerName);
        start();
        logger.addAppender(this, null, null);
        context.updateLoggers();
    }

    static LogCapture of(Class<?> logging) {
        return new LogCapture(logging.getName());
    }

    /** A logger by name (Camel's log step logs under its route's id). */
    static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    @Override
    public void append(LogEvent event) {
        messages.add(event.getMessage().getFormattedMessage());
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeAppender(getName());
        stop();
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }
}
