package dev.pop3x.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StreamResponse;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.netty.util.concurrent.EventExecutor;

/**
 * Where the lines of one connection go, and when. pop3x's listener hands a session its lines one at a time, only
 * when the session says it wants one ({@link ProtocolTransport#setReadable}), and reads the connection only for
 * them: nothing is read ahead of what is handled. Each line goes to the top of James's line-handler stack: the
 * command dispatcher, or the AUTH exchange in progress.
 *
 * <p>While the reply to a line comes later (storage work off the event loop, a failed login the brake delays, a
 * login waiting for the maildrop lock), the session <em>owes</em> it: it wants no line until the reply is sent, so
 * what a client pipelines waits in its own socket buffers, in order. Every call happens on the connection's event
 * loop; work that ends elsewhere comes back to it through {@link #later()}, which keeps every write in order.
 *
 * <p>The session also closes a connection idle too long: nothing heard from the client and no reply moving towards
 * it for the listener's login timeout before login, or its connection timeout after (RFC 1939 section 3: without
 * a reply, and without the UPDATE state). A session waiting for a reply it owes is not idle.
 */
final class SessionInput {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionInput.class);
    /** Deferred storage work that waits for no later call ({@link #deferred}). */
    static final int MAX_DEFERRED = 64;

    private final POP3Session james;
    private final EventExecutor eventLoop;
    private final Supplier<Duration> idleFor;
    private final Supplier<Duration> idleTimeout;
    private final Runnable timedOut;
    private final Executor storage;
    /** Added to on the event loop, run on the session's line of storage calls. */
    private final Queue<Deferred> deferred = new ConcurrentLinkedQueue<>();
    private Pop3xDispatcher dispatcher;
    private LineHandler<POP3Session> exchange;
    private boolean owing;
    private Runnable whenReplied = () -> { };
    private boolean ended;
    private boolean closed;
    /** Ends the session once its last reply is sent, when the connection is to close after its storage calls. */
    private Runnable endAfterLastReply;
    private ScheduledFuture<?> idleCheck;

    /**
     * @param idleFor how long the session has been idle
     * @param idleTimeout how long it may be, now
     * @param timedOut ends the session, before its connection is closed for being idle
     * @param storage the session's line of storage calls ({@link StorageThreads#forSession()})
     */
    SessionInput(POP3Session james, EventExecutor eventLoop, Supplier<Duration> idleFor, Supplier<Duration> idleTimeout,
                 Runnable timedOut, Executor storage) {
        this.james = james;
        this.eventLoop = eventLoop;
        this.storage = storage;
        this.idleFor = idleFor;
        this.idleTimeout = idleTimeout;
        this.timedOut = timedOut;
    }

    /** Starts the idle timer: once the greeting is sent. */
    void start() {
        checkIdleIn(idleTimeout.get());
    }

    /** The idle timeout in force changed (the session logged in): the timer follows it from now. */
    void idleTimeoutChanged() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        checkIdleIn(idleTimeout.get().minus(idleFor.get()));
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

    /** The reply to the line being handled comes later, by {@link #reply}; no line is read meanwhile. */
    void owe() {
        if (!owing && !closed) {
            owing = true;
            transport().setReadable(false);
        }
    }

    /**
     * Sends the reply owed (on the event loop); then the session wants its next line. A reply to a connection closed
     * meanwhile is dropped, the message it would have streamed closed.
     */
    void reply(Response owed) {
        if (!owing || closed) {
            closeStream(owed);
            return;
        }
        owing = false;
        Runnable done = whenReplied;
        whenReplied = () -> { };
        write(owed);
        done.run();
        if (!closed) {
            transport().setReadable(true);
        }
    }

    /** Whether the reply to the line being handled comes later. */
    boolean owing() {
        return owing;
    }

    /** Runs once the reply owed is sent (the timer of the command it answers). */
    void whenReplied(Runnable action) {
        whenReplied = action;
    }

    private static void closeStream(Response dropped) {
        if (dropped instanceof StreamResponse) {
            try {
                ((StreamResponse) dropped).getStream().close();
            } catch (IOException e) {
                LOGGER.debug("Closing a reply never sent", e);
            }
        }
    }

    /**
     * Makes a storage call off the event loop, in order with the session's other calls, while the session owes its
     * reply; back on the event loop, {@code then} makes the reply from the call's result or its failure, and it is
     * sent (null: the reply is still owed, and sent later by {@link #reply}).
     */
    <T> void offLoop(StorageCall<T> call, BiFunction<T, Throwable, Response> then) {
        owe();
        Executor back = later();
        inContext(storage, () -> {
            runDeferred();
            T result = null;
            Throwable failure = null;
            try {
                result = call.call();
            } catch (Exception | Error e) {
                failure = e;
            }
            T outcome = result;
            Throwable failed = failure;
            back.execute(() -> {
                Response reply = then.apply(outcome, failed);
                if (reply != null) {
                    reply(reply);
                }
            });
        });
    }

    /**
     * Storage work nobody waits for (a retrieval to record, the maildrop to release), in order with the session's
     * other calls; a failure is logged.
     */
    void inBackground(String what, StorageCall<?> work) {
        inContext(storage, () -> {
            runDeferred();
            run(what, work);
        });
    }

    /**
     * Storage work nobody waits for that may wait for the session's next storage call (a retrieval to record, kept in
     * memory by the maildrop until it is closed anyway): it runs first in that call, in order, or in a call of its own
     * once {@value #MAX_DEFERRED} are waiting. A RETR answered from messages read ahead then costs no thread hand-off at
     * all. The session's last storage call (QUIT's UPDATE state, or the release of a dropped session) runs whatever
     * still waits.
     */
    void deferred(String what, StorageCall<?> work) {
        deferred.add(new Deferred(what, work));
        if (deferred.size() >= MAX_DEFERRED) {
            inBackground("Storage work deferred", () -> null);
        }
    }

    private void runDeferred() {
        for (Deferred next = deferred.poll(); next != null; next = deferred.poll()) {
            run(next.what, next.work);
        }
    }

    private static void run(String what, StorageCall<?> work) {
        try {
            work.call();
        } catch (Exception e) {
            LOGGER.warn("{} failed", what, e);
        }
    }

    /** Storage work waiting for the session's next storage call. */
    private static final class Deferred {
        private final String what;
        private final StorageCall<?> work;

        Deferred(String what, StorageCall<?> work) {
            this.what = what;
            this.work = work;
        }
    }

    /** Runs the task on the executor with the caller's logging context. */
    private static void inContext(Executor executor, Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        executor.execute(() -> inContext(context, task));
    }

    /** A storage call. */
    @FunctionalInterface
    interface StorageCall<T> {
        T call() throws Exception;
    }

    /** The session ended: a reply still owed is not sent, and the idle timer stops. */
    void end() {
        ended = true;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
    }

    /**
     * The session's line of storage calls, with the caller's logging context: where a reply too large to hold in memory
     * is read as it is sent ({@link dev.pop3x.protocol.wire.ReadOffLoop}), in order with the session's other calls.
     */
    Executor storageLine() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return task -> storage.execute(() -> inContext(context, task));
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

    private void checkIdleIn(Duration delay) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        idleCheck = eventLoop.schedule(() -> inContext(context, this::checkIdle), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void checkIdle() {
        if (ended || closed) {
            return;
        }
        Duration timeout = idleTimeout.get();
        Duration idle = idleFor.get();
        if (owing || idle.compareTo(timeout) < 0) {
            checkIdleIn(owing ? timeout : timeout.minus(idle));
            return;
        }
        LOGGER.info("Idle for {} s ({} s allowed {}): connection from {} closed", idle.toSeconds(), timeout.toSeconds(),
            james.getUsername() == null ? "before login" : "after login", james.getRemoteAddress().getAddress().getHostAddress());
        timedOut.run();
        // RFC 1939: the connection is closed "without removing any messages or sending any response to the client"
        write(Response.DISCONNECT);
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
     * The session's last reply is sent at once; then {@code end} ends the session, whose storage work (QUIT: the
     * retrievals stored, the maildrop closed and its lock released) runs after the reply, and the connection is closed
     * once that work is done: a client that waits for the server to close the connection finds all of it done.
     */
    void endAfterLastReply(Runnable end) {
        endAfterLastReply = end;
    }

    /**
     * Writes a reply outside the handler that the line went to (which writes its own), and the last reply of a
     * session, which closes the connection: nothing is read any more.
     */
    void write(Response response) {
        boolean last = response.isEndSession() && !closed;
        if (last) {
            closed = true;
            // on top of the one James pushed, which logs every line it drops
            james.pushLineHandler((session, line) -> null);
            transport().setReadable(false);
        }
        if (last && endAfterLastReply != null) {
            if (!(response instanceof StreamResponse)) {
                // not one of pop3x's replies, which are all streams: ended, and closed as it goes
                endAfterLastReply.run();
                send(response);
                return;
            }
            send(new NotLast((StreamResponse) response));
            endAfterLastReply.run();
            Executor back = later();
            inContext(storage, () -> back.execute(() -> send(Response.DISCONNECT)));
            return;
        }
        send(response);
    }

    private void send(Response response) {
        try {
            transport().writeResponse(response, james);
        } catch (RuntimeException e) {
            LOGGER.info("Cannot send a reply; the connection is gone: {}", e.toString());
        }
    }

    /** A session's last reply, sent without closing the connection. */
    private static final class NotLast implements StreamResponse {
        private final StreamResponse last;

        NotLast(StreamResponse last) {
            this.last = last;
        }

        @Override
        public InputStream getStream() {
            return last.getStream();
        }

        @Override
        public String getRetCode() {
            return last.getRetCode();
        }

        @Override
        public List<CharSequence> getLines() {
            return last.getLines();
        }

        @Override
        public boolean isEndSession() {
            return false;
        }
    }

    private ProtocolTransport transport() {
        // James's own handlers write replies the same way (BasicChannelInboundHandler)
        return ((ProtocolSessionImpl) james).getProtocolTransport();
    }
}
