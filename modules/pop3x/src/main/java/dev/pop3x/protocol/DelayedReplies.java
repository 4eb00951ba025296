package dev.pop3x.protocol;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * Sends a reply later without holding a thread: the brute-force brake's delayed answers to failed logins.
 *
 * <p>James runs POP3 handlers on the connection's Netty event loop, which serves many connections: sleeping there
 * would stall them all. Instead the reply is scheduled on that same event loop, and until it is sent the session
 * reads into a queue (commands a client pipelined behind the failed login), which is then played through the
 * command dispatcher in order. Scheduling on the connection's own event loop keeps every write in order with the
 * ones Netty makes for later commands.
 */
final class DelayedReplies {
    private static final Logger LOGGER = LoggerFactory.getLogger(DelayedReplies.class);

    private DelayedReplies() {
    }

    /**
     * @return the reply to send now, or null when it was scheduled for later
     */
    static Response sendAfter(Pop3xSession session, Response reply, Duration delay, LineHandler<POP3Session> dispatcher) {
        EventExecutor eventLoop = ThreadExecutorMap.currentExecutor();
        if (delay.isZero() || eventLoop == null) {
            return reply;
        }
        Hold hold = new Hold();
        session.hold(hold);
        session.james().pushLineHandler(hold);
        eventLoop.schedule(() -> release(session, hold, reply, dispatcher), delay.toMillis(), TimeUnit.MILLISECONDS);
        return null;
    }

    private static void release(Pop3xSession session, Hold hold, Response reply, LineHandler<POP3Session> dispatcher) {
        POP3Session james = session.james();
        james.popLineHandler();
        session.release(hold);
        if (session.isEnded()) {
            return;
        }
        write(james, reply);
        while (!hold.queue.isEmpty()) {
            byte[] line = hold.queue.removeFirst();
            Response response = session.saslExchange().orElse(dispatcher).onLine(james, line);
            if (response != null) {
                write(james, response);
                if (response.isEndSession()) {
                    return;
                }
            }
            if (session.currentHold().isPresent()) {
                // a pipelined command failed a login again: what is left waits for that reply
                session.currentHold().get().queue.addAll(hold.queue);
                return;
            }
        }
    }

    private static void write(POP3Session james, Response response) {
        try {
            ((ProtocolSessionImpl) james).getProtocolTransport().writeResponse(response, james);
        } catch (RuntimeException e) {
            LOGGER.info("Cannot send a delayed reply; the connection is gone: {}", e.toString());
        }
    }

    /** Queues the lines that arrive while a reply is delayed. */
    static final class Hold implements LineHandler<POP3Session> {
        private final Deque<byte[]> queue = new ArrayDeque<>();

        @Override
        public Response onLine(POP3Session session, byte[] line) {
            queue.addLast(line.clone());
            return null;
        }
    }
}
