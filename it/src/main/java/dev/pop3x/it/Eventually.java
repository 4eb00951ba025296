package dev.pop3x.it;

import java.time.Duration;
import java.time.Instant;

/**
 * Waits for what the server does after it has answered (a delivery after SMTP's 250, a log line, a sweep), by
 * looking at what it exposes every {@value #POLL_MILLIS} ms; gives up with what it waited for once the time is out.
 * The one copy of the tests' waiting.
 */
public final class Eventually {
    private static final long POLL_MILLIS = 20;

    private Eventually() {
    }

    /** What the test looks at; it may throw what reading the server's state throws. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Returns as soon as the condition holds.
     *
     * @param what the awaited event, for the failure: "delivery of message 2 to alice"
     * @throws AssertionError when it does not hold within the time
     */
    public static void until(Duration within, String what, Condition condition) {
        Instant deadline = Instant.now().plus(within);
        try {
            while (!condition.holds()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Waited " + within + " for " + what);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for " + what, e);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("Cannot tell whether " + what + " happened", e);
        }
    }
}
