package dev.pop3x.it;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** The log lines one logger writes while a test runs, for tests that show what operators read in the log. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Recorder appender = new Recorder();

    private LogCapture(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture of(String loggerName) {
        return new LogCapture((Logger) LoggerFactory.getLogger(loggerName));
    }

    List<String> lines() {
        return appender.events.stream()
            .map(event -> event.getLevel() + " " + event.getFormattedMessage())
            .collect(Collectors.toList());
    }

    /** The lines logged before an instant (a window's end), in the same form as {@link #lines()}. */
    List<String> linesLoggedBefore(Instant end) {
        return appender.events.stream()
            .filter(event -> event.getTimeStamp() < end.toEpochMilli())
            .map(event -> event.getLevel() + " " + event.getFormattedMessage())
            .collect(Collectors.toList());
    }

    /** The lines with the MDC fields each carries (James's WebAdmin logs a request's body in one), as a JSON log shows them. */
    List<String> linesWithMdc() {
        return appender.events.stream()
            .map(event -> event.getLevel() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap())
            .collect(Collectors.toList());
    }

    /**
     * Keeps the events in a list a test reads while the server's threads add to it, each event's message, MDC and
     * thread taken when it is logged.
     */
    private static final class Recorder extends AppenderBase<ILoggingEvent> {
        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            events.add(event);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
