package dev.pop3x.protocol;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.netty.util.concurrent.EventExecutor;

/**
 * Where the lines of one connection go, and when. James hands each line to the top of its line-handler stack: the
 * command dispatcher, or the AUTH exchange in progress. While the session is <em>paused</em>, because a reply it
 * owes comes later (a failed login the brake delays, a login waiting for the maildrop lock) or because the client
 * does not read what it was sent, lines wait here in order and the connection is not read from; once resumed, they
 * are played to the handler then current, as if they had just arrived.
 *
 * <p>James runs every handler of a connection on the connection's Netty event loop, which serves many connections:
 * nothing here blocks it. Work that ends later (a delay, a lock released by another session) is scheduled back onto
 * that event loop, which keeps every write in order with the ones James makes for later commands.
 *
 * <p>Reading is paced by handling. James cuts lines on a thread of its own and queues each one as a task for the
 * event loop, which meanwhile goes on reading: a client that writes faster than its commands are handled would
 * fill the heap with queued lines (Netty holds some 80 bytes of heap per line queued: a flood of 8-octet commands
 * costs ten times what it sends). So when a line arrives, reading stops until the lines already queued are
 * handled (a task queued behind them turns it on again): what is read ahead is what Netty reads until the first
 * new line reaches pop3x, not all the client sends. A session that would hold more than {@value #MAX_HELD_LINES}
 * lines is closed. Lines that come after the session's last reply are dropped without a word (James would log
 * each).
 *
 * <p>That is short while James's framer thread keeps up, and not bounded by pop3x when it does not: on a machine
 * whose CPUs are taken, a client that writes from its first moment, before the greeting, had James read some 8 MB
 * before its first line was handled (5.6 million lines queued, James's 512 MB heap full). Only James's pipeline,
 * which an extension cannot change, could stop that read.
 */
final class SessionInput {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionInput.class);
    /**
     * Lines a session holds while it waits: far more than any client pipelines (RFC 2449 asks clients to keep
     * within the TCP window), far less than a client that writes without ever reading sends.
     */
    static final int MAX_HELD_LINES = 10_000;

    private final POP3Session james;
    private final EventExecutor eventLoop;
    private final SessionOutput output;
    private final Deque<byte[]> held = new ArrayDeque<>();
    private final LineHandler<POP3Session> holding = (session, line) -> {
        if (held.size() >= MAX_HELD_LINES) {
            LOGGER.warn("{} lines sent without waiting for replies: connection closed", MAX_HELD_LINES);
            write(Response.DISCONNECT);
            return null;
        }
        held.addLast(line.clone());
        return null;
    };
    private Pop3xDispatcher dispatcher;
    private LineHandler<POP3Session> exchange;
    private Pause pause;
    private Map<String, String> pausedIn;
    private boolean catchingUp;
    private boolean heardWhileCatchingUp;
    private boolean readable = true;
    private boolean ended;
    private boolean closed;

    /** Why lines wait. */
    private enum Pause {
        /** the client has not read what it was sent */
        BACKLOG,
        /** the reply to the last line comes later */
        REPLY_OWED
    }

    SessionInput(POP3Session james, EventExecutor eventLoop, SessionOutput output) {
        this.james = james;
        this.eventLoop = eventLoop;
        this.output = output;
        output.whenConsumed(() -> {
            if (pause == Pause.BACKLOG) {
                // Netty reads reply streams in the middle of its flush: go on once it is done
                Map<String, String> context = pausedIn;
                eventLoop.execute(() -> inContext(context, () -> resume(Pause.BACKLOG, null)));
            }
        });
    }

    /** The chain's dispatcher, recorded by it as lines arrive (James hands it to no other handler). */
    void dispatcher(Pop3xDispatcher chainDispatcher) {
        dispatcher = chainDispatcher;
    }

    Pop3xDispatcher dispatcher() {
        if (dispatcher == null) {
            throw new IllegalStateException("No line reached Pop3xDispatcher yet: is it in the handler chain?");
        }
        return dispatcher;
    }

    /** An AUTH exchange begins: the next lines are its client responses. */
    void exchangeBegun(LineHandler<POP3Session> saslExchange) {
        exchange = saslExchange;
        james.pushLineHandler(saslExchange);
    }

    /** The AUTH exchange ended: lines are commands again. */
    void exchangeEnded() {
        if (exchange != null) {
            exchange = null;
            james.popLineHandler();
        }
    }

    /**
     * A line arrived: reading stops until the lines James already queued for this connection are handled. A task
     * queued behind them looks whether lines came meanwhile: while they do, James is still handing over what it read
     * (its framer runs on a thread of its own and may lag behind), and the task looks again behind them.
     */
    void received() {
        if (catchingUp) {
            heardWhileCatchingUp = true;
            return;
        }
        catchingUp = true;
        updateReading();
        checkCaughtUp();
    }

    private void checkCaughtUp() {
        heardWhileCatchingUp = false;
        eventLoop.execute(() -> {
            if (heardWhileCatchingUp) {
                checkCaughtUp();
                return;
            }
            catchingUp = false;
            updateReading();
        });
    }

    /**
     * Whether the line may be handled now. When the client has not read the replies it was sent, the line waits,
     * with the ones that follow, until it has, and reading stops meanwhile.
     */
    boolean admits(byte[] line) {
        if (!output.backlogged()) {
            return true;
        }
        defer(line);
        return false;
    }

    /** The line being handled waits, before those that follow it, until the client has read its replies. */
    private void defer(byte[] line) {
        pause(Pause.BACKLOG);
        held.addFirst(line.clone());
    }

    /** The reply to the line being handled comes later, by {@link #reply}; the lines that follow wait for it. */
    void owe() {
        pause(Pause.REPLY_OWED);
    }

    /** Sends the reply owed (on the event loop), then plays the lines that waited for it. */
    void reply(Response owed) {
        resume(Pause.REPLY_OWED, owed);
    }

    private void pause(Pause reason) {
        if (pause == null && !closed) {
            pause = reason;
            pausedIn = MDC.getCopyOfContextMap();
            james.pushLineHandler(holding);
            updateReading();
        }
    }

    /** Reads from the connection only when nothing waits and the lines read so far are handled. */
    private void updateReading() {
        boolean wanted = pause == null && !catchingUp && !closed;
        if (wanted != readable) {
            readable = wanted;
            transport().setReadable(wanted);
        }
    }

    /**
     * Ends a pause: sends the reply that was owed, if any, then plays the lines that waited, until one of them
     * pauses the session again.
     */
    private void resume(Pause reason, Response reply) {
        if (pause != reason || ended || closed) {
            return;
        }
        pause = null;
        james.popLineHandler();
        if (reply != null) {
            write(reply);
        }
        while (pause == null && !ended && !closed && !held.isEmpty()) {
            byte[] line = held.removeFirst();
            Response response = (exchange != null ? exchange : dispatcher()).onLine(james, line);
            if (response != null) {
                write(response);
            }
        }
        updateReading();
    }

    /** The session ended: nothing that waits is played any more. */
    void end() {
        ended = true;
        held.clear();
    }

    /**
     * Where work this handler leaves for later runs: on the connection's event loop, with the logging context (MDC)
     * of the handler, whichever thread hands the work over.
     */
    Executor later() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return task -> eventLoop.execute(() -> inContext(context, task));
    }

    /** Runs on the connection's event loop after the delay, with the logging context of the caller. */
    void schedule(Runnable task, Duration delay) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        eventLoop.schedule(() -> inContext(context, task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void inContext(Map<String, String> context, Runnable task) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
        try {
            task.run();
        } finally {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }

    /**
     * Writes a reply outside the handler that the line went to (which writes its own), and the last reply of a
     * session, which closes the connection: nothing is read any more, and what the client sent after the line it
     * answers is dropped.
     */
    void write(Response response) {
        try {
            transport().writeResponse(response, james);
        } catch (RuntimeException e) {
            LOGGER.info("Cannot send a reply; the connection is gone: {}", e.toString());
        }
        if (response.isEndSession() && !closed) {
            closed = true;
            held.clear();
            // on top of the one James pushed, which logs every line it drops
            james.pushLineHandler((session, line) -> null);
            updateReading();
        }
    }

    private ProtocolTransport transport() {
        // James's own handlers write replies the same way (BasicChannelInboundHandler)
        return ((ProtocolSessionImpl) james).getProtocolTransport();
    }
}
