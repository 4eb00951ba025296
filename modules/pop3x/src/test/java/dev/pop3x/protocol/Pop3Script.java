package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChain;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.POP3SessionImpl;

import dev.pop3x.auth.AuthSettings;
import io.netty.util.concurrent.EventExecutor;

/**
 * One POP3 connection to pop3x's handler chain, without a server: lines go to the chain on the session's event loop
 * as James's Netty handler hands them over (to the pushed line handler if any, else the chain's; a line only while
 * the session reads), and replies come back as the lines James's transport writes. A test reads as the dialogue:
 * {@code pop3.send("RETR 9").expect("-ERR Message (9) does not exist.")}.
 *
 * <p>Every wait is for a line or for the close, never for a time; a wait gives up after {@value #PATIENCE_SECONDS}
 * seconds, which only a failing test reaches.
 */
final class Pop3Script {
    private static final long PATIENCE_SECONDS = 10;

    private final ProtocolHandlerChain chain;
    private final EventExecutor eventLoop;
    private final ScriptTransport transport;
    private final POP3SessionImpl james;
    /** Lines sent that the session has not read yet: only the event loop touches it. */
    private final Deque<byte[]> unread = new ArrayDeque<>();
    private final List<String> transcript = new ArrayList<>();

    private Pop3Script(ProtocolHandlerChain chain, EventExecutor eventLoop, InetSocketAddress remote, AuthSettings auth) {
        this.chain = chain;
        this.eventLoop = eventLoop;
        this.transport = new ScriptTransport(remote, new InetSocketAddress("127.0.0.1", 110), this::readNext,
            () -> eventLoop.execute(this::disconnected));
        this.james = new POP3SessionImpl(transport, new ListenerSettings("pop3x.test", auth, Duration.ofMinutes(3), Duration.ofMinutes(10)));
    }

    /** Connects as Netty would: the connect handlers run on the event loop, and their replies are written. */
    static Pop3Script connect(ProtocolHandlerChain chain, EventExecutor eventLoop, InetSocketAddress remote, AuthSettings auth) {
        Pop3Script script = new Pop3Script(chain, eventLoop, remote, auth);
        script.onEventLoop(script::connected);
        return script;
    }

    @SuppressWarnings("unchecked")
    private void connected() {
        for (ConnectHandler<POP3Session> handler : chain.getHandlers(ConnectHandler.class)) {
            Response response = handler.onConnect(james);
            if (response != null) {
                transport.writeResponse(response, james);
            }
        }
    }

    /** Sends a command line; CRLF is added. */
    Pop3Script send(String line) {
        return sendBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends lines as one write, as a pipelining client does. */
    Pop3Script pipeline(String... lines) {
        for (String line : lines) {
            send(line);
        }
        return this;
    }

    /** Sends raw octets as one line; the caller adds the line end. */
    Pop3Script sendBytes(byte[] line) {
        transcript.add("C: " + new String(line, StandardCharsets.UTF_8).stripTrailing());
        eventLoop.execute(() -> {
            unread.addLast(line);
            readNext();
        });
        return this;
    }

    /** Reads the next lines the server writes, each exactly as given. */
    Pop3Script expect(String... lines) {
        for (String expected : lines) {
            assertThat(nextLine()).as("server line after%n%s", String.join("\n", transcript)).isEqualTo(expected);
        }
        return this;
    }

    /** Reads the next line the server writes. */
    String nextLine() {
        try {
            String line = transport.lines().poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("a server line within %d s after%n%s", PATIENCE_SECONDS, String.join("\n", transcript)).isNotNull();
            transcript.add("S: " + line);
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reads lines up to and including the "." that ends a multi-line reply. */
    List<String> multiLine() {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = nextLine();
            lines.add(line);
        } while (!line.equals("."));
        return lines;
    }

    /** Checks that the server has written nothing since the last line read (a reply it owes is not sent yet). */
    void expectNoLineYet() {
        onEventLoop(() -> { });
        assertThat(transport.lines()).as("lines after%n%s", String.join("\n", transcript)).isEmpty();
    }

    /** Waits until the server has closed the connection and its disconnect handlers have run. */
    void expectClosed() {
        try {
            assertThat(transport.closed().await(PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("connection closed after%n%s", String.join("\n", transcript)).isTrue();
            onEventLoop(() -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(transport.lines()).as("lines after the last one").isEmpty();
    }

    /** Drops the connection without QUIT: James's disconnect handlers run. */
    void drop() {
        onEventLoop(transport::dropped);
        expectClosed();
    }

    /** Whether the session reads from the connection now (it stops while a reply is owed). */
    boolean reading() {
        return onEventLoop(transport::isReadable);
    }

    /** The dialogue so far, "C: " and "S: " lines. */
    List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** Hands the next unread line to the session, if it reads now: on the event loop. */
    private void readNext() {
        if (unread.isEmpty() || !transport.isReadable() || transport.closed().getCount() == 0) {
            return;
        }
        handle(unread.removeFirst());
        if (!unread.isEmpty()) {
            eventLoop.execute(this::readNext);
        }
    }

    /** What James's channel handler does with a line: the top line handler answers, the result handlers see it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(byte[] line) {
        LineHandler handler = transport.pushedLineHandler().orElseGet(() -> chain.getHandlers(LineHandler.class).get(0));
        try {
            Response response = handler.onLine(james, line);
            for (ProtocolHandlerResultHandler resultHandler : chain.getHandlers(ProtocolHandlerResultHandler.class)) {
                response = resultHandler.onResponse(james, response, 0, (ProtocolHandler) handler);
            }
            if (response != null) {
                transport.writeResponse(response, james);
            }
        } catch (RuntimeException e) {
            // James's channel handler answers what escapes a handler so, and closes the connection
            transport.writeResponse(james.newFatalErrorResponse(), james);
            transport.writeResponse(Response.DISCONNECT, james);
        }
    }

    @SuppressWarnings("unchecked")
    private void disconnected() {
        for (DisconnectHandler<POP3Session> handler : chain.getHandlers(DisconnectHandler.class)) {
            handler.onDisconnect(james);
        }
        james.resetState();
    }

    private void onEventLoop(Runnable task) {
        onEventLoop(() -> {
            task.run();
            return null;
        });
    }

    private <T> T onEventLoop(Callable<T> task) {
        try {
            return eventLoop.submit(task).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("Failed on the event loop", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("The event loop did not run the task within " + PATIENCE_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
