package dev.pop3x.it.fuzz;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * The ERROR lines James 3.8.1 itself logs for what a client does, in code pop3x does not own: its Netty handler's
 * {@code Unable to process request} for
 * <ul>
 *   <li>a TCP reset of the connection by the client ({@code SocketException: Connection reset}), and</li>
 *   <li>the STARTTLS command-injection guard ({@code CommandInjectionDetectedException}): a line sent in the clear
 *       behind an STLS that was answered {@code +OK} closes the connection. pop3x's dispatcher throws it, as
 *       James's own framer does, because the Netty handler then closes the connection at once.</li>
 * </ul>
 * Neither is a failure of a pop3x handler, so neither is a finding; anything else with a pop3x frame in its stack
 * always is.
 */
final class JamesOwnErrors {
    private static final String NETTY_HANDLER = "org.apache.james.protocols.netty.BasicChannelInboundHandler";
    private static final String INJECTION = "org.apache.james.protocols.netty.CommandInjectionDetectedException";

    private JamesOwnErrors() {
    }

    static boolean isJamesOwn(ILoggingEvent event) {
        IThrowableProxy throwable = event.getThrowableProxy();
        if (!event.getLoggerName().equals(NETTY_HANDLER) || throwable == null) {
            return false;
        }
        return causedBy(throwable, INJECTION) || (isConnectionReset(throwable) && !mentionsPop3x(throwable));
    }

    private static boolean isConnectionReset(IThrowableProxy throwable) {
        return throwable.getCause() == null
            && throwable.getClassName().equals("java.net.SocketException")
            && "Connection reset".equals(throwable.getMessage());
    }

    private static boolean causedBy(IThrowableProxy throwable, String className) {
        for (IThrowableProxy cause = throwable; cause != null; cause = cause.getCause()) {
            if (cause.getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    static boolean mentionsPop3x(IThrowableProxy throwable) {
        for (IThrowableProxy cause = throwable; cause != null; cause = cause.getCause()) {
            for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
                if (frame.getStackTraceElement().getClassName().startsWith("dev.pop3x.")) {
                    return true;
                }
            }
        }
        return false;
    }
}
