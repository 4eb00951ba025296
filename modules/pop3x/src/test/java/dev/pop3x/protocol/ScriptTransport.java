package dev.pop3x.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.AbstractProtocolTransport;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.handler.LineHandler;

/**
 * A connection without a socket, for {@link Pop3Script}: James's own transport base class encodes the replies, as
 * it does for Netty, and this one keeps them as lines; the line handlers James's handlers push and the readability
 * they set are kept as Netty's channel keeps them. Every call but the script's happens on the session's event loop.
 */
final class ScriptTransport extends AbstractProtocolTransport {
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Runnable readableAgain;
    private final Runnable closing;
    private final Deque<LineHandler<?>> lineHandlers = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean readable = true;
    private int lastByte = -1;

    ScriptTransport(InetSocketAddress remote, InetSocketAddress local, Runnable readableAgain, Runnable closing) {
        this.remote = remote;
        this.local = local;
        this.readableAgain = readableAgain;
        this.closing = closing;
    }

    /** The handler lines go to instead of the chain's, if one was pushed. */
    Optional<LineHandler<?>> pushedLineHandler() {
        return Optional.ofNullable(lineHandlers.peekFirst());
    }

    /** The lines the server wrote, CRLF removed, in order. */
    BlockingQueue<String> lines() {
        return lines;
    }

    CountDownLatch closed() {
        return closed;
    }

    @Override
    protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTLS) {
        received(bytes);
    }

    @Override
    protected void writeToClient(InputStream in, ProtocolSession session, boolean startTLS) {
        try (InputStream stream = in) {
            received(stream.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void received(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n' && lastByte == '\r') {
                lines.add(new String(partial.toByteArray(), 0, partial.size() - 1, StandardCharsets.UTF_8));
                partial.reset();
                lastByte = -1;
                continue;
            }
            partial.write(b);
            lastByte = b;
        }
    }

    /** The client closed the connection. */
    void dropped() {
        close();
    }

    @Override
    protected void close() {
        if (closed.getCount() > 0) {
            closing.run();
            closed.countDown();
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getId() {
        return "script-" + remote.getPort();
    }

    @Override
    public boolean isTLSStarted() {
        return false;
    }

    @Override
    public boolean isStartTLSSupported() {
        return false;
    }

    @Override
    public Optional<SSLSession> getSSLSession() {
        return Optional.empty();
    }

    @Override
    public boolean isProxyRequired() {
        return false;
    }

    @Override
    public void popLineHandler() {
        lineHandlers.pollFirst();
    }

    @Override
    public void pushLineHandler(LineHandler<? extends ProtocolSession> lineHandler, ProtocolSession session) {
        lineHandlers.addFirst(lineHandler);
    }

    @Override
    public void setReadable(boolean readable) {
        boolean wasReadable = this.readable;
        this.readable = readable;
        if (readable && !wasReadable) {
            readableAgain.run();
        }
    }

    @Override
    public boolean isReadable() {
        return readable;
    }
}
