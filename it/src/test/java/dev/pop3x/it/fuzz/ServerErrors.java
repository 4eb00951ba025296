package dev.pop3x.it.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * Every ERROR the in-process James logs, from any thread. A handler whose exception escapes shows up here and
 * nowhere else: pop3x's dispatcher logs {@code <COMMAND> failed for ...} and answers {@code -ERR [SYS/TEMP]}, and
 * James's Netty handler logs {@code Unable to process request} for what escapes a line handler (an AUTH exchange),
 * then drops the connection. The client sees a plausible {@code -ERR} or a closed connection, so the log is the
 * oracle. Nothing at ERROR is expected while the fuzzer talks to the server: ERROR is what an operator is paged
 * for, and a client alone must not be able to cause one.
 *
 * <p>The exceptions, James's own lines for a client's doing, are listed in {@link JamesOwnErrors}.
 */
final class ServerErrors extends AppenderBase<ILoggingEvent> {
    private final List<ILoggingEvent> errors = new ArrayList<>();

    /** Listens to the root logger, whose level (WARN in the fuzzing log configuration) lets ERROR through. */
    static ServerErrors attach() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ServerErrors errors = new ServerErrors();
        errors.setContext(root.getLoggerContext());
        errors.setName("pop3x-fuzz-errors");
        errors.start();
        root.addAppender(errors);
        return errors;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) && !JamesOwnErrors.isJamesOwn(event)) {
            synchronized (errors) {
                errors.add(event);
            }
        }
    }

    /** Throws a {@link Finding} naming the first error logged, if any was. */
    void assertNone(Transcript transcript) {
        ILoggingEvent first;
        int count;
        synchronized (errors) {
            if (errors.isEmpty()) {
                return;
            }
            first = errors.get(0);
            count = errors.size();
        }
        throw new Finding("James logged " + count + " error(s); the first, from " + first.getLoggerName()
            + " on " + first.getThreadName() + ":\n  " + first.getFormattedMessage()
            + describe(first.getThrowableProxy())
            + "\nafter the session:\n" + transcript);
    }

    private static String describe(IThrowableProxy throwable) {
        if (throwable == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n  ").append(ThrowableProxyUtil.asString(throwable).replace("\n", "\n  "));
        if (!JamesOwnErrors.mentionsPop3x(throwable)) {
            text.append("\n  (no pop3x frame in the stack)");
        }
        return text.toString();
    }
}
