package dev.pop3x.it.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSocket;

import dev.pop3x.it.CrlfLines;
import dev.pop3x.it.TlsClient;

/**
 * One POP3 connection of the fuzz target, strict about framing: every line the server sends must end in CRLF, and
 * a reply that does not come within {@link #REPLY_TIMEOUT} is a hang. Both are {@link Finding}s. A connection the
 * server closed is not: the server may end a session (QUIT, too many bad commands), so it shows as an empty read
 * and the session stops there.
 */
final class Pop3Wire implements AutoCloseable {
    /** Far above any reply time on loopback, even on a loaded two-core machine; a hang waits forever. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final Transcript transcript;
    private Socket socket;
    private CrlfLines lines;
    private OutputStream out;

    private Pop3Wire(Socket socket, Transcript transcript) throws IOException {
        this.transcript = transcript;
        use(socket);
    }

    /** Connects to 127.0.0.1 and reads the greeting, which must be {@code +OK}. */
    static Pop3Wire connect(int port, Transcript transcript) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) REPLY_TIMEOUT.toMillis());
            socket.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            Pop3Wire wire = new Pop3Wire(socket, transcript);
            String greeting = wire.readLine("the greeting")
                .orElseThrow(() -> new Finding("The server closed the connection before its greeting\n" + transcript));
            if (!greeting.startsWith("+OK")) {
                throw new Finding("The greeting is not +OK: " + greeting + "\n" + transcript);
            }
            return wire;
        } catch (IOException e) {
            throw new Finding("Cannot connect to POP3 on 127.0.0.1:" + port, e);
        }
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.lines = new CrlfLines(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** Sends one line and its CRLF; false when the server has closed the connection. */
    boolean send(byte[] line) {
        return sendTogether(List.of(line));
    }

    /** Sends lines in one write, as a pipelining client does (RFC 2449 PIPELINING); false when the connection is gone. */
    boolean sendTogether(List<byte[]> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            bytes.writeBytes(line);
            bytes.writeBytes(new byte[] {'\r', '\n'});
            transcript.client(new String(line, StandardCharsets.UTF_8));
        }
        try {
            out.write(bytes.toByteArray());
            out.flush();
            return true;
        } catch (IOException e) {
            transcript.note("write failed: " + e.getMessage());
            return false;
        }
    }

    /**
     * Reads one CRLF-terminated line, without its CRLF.
     *
     * @param awaited what the line is, for the message of a hang
     * @return empty when the server closed the connection (or reset it) first
     */
    Optional<String> readLine(String awaited) {
        try {
            Optional<String> line = lines.next();
            if (line.isEmpty()) {
                transcript.note("connection closed by the server");
            }
            line.ifPresent(transcript::server);
            return line;
        } catch (CrlfLines.BareLineFeed e) {
            throw new Finding("A line from the server ends in a bare LF: " + lines.partialLine() + "\n" + transcript);
        } catch (EOFException e) {
            throw new Finding("The server closed the connection in the middle of a line: " + lines.partialLine() + "\n" + transcript);
        } catch (SocketTimeoutException e) {
            throw new Finding("Hang: no " + awaited + " within " + REPLY_TIMEOUT.toSeconds() + " s\n" + transcript);
        } catch (IOException e) {
            transcript.note("read failed: " + e.getMessage());
            if (!lines.partialLine().isEmpty()) {
                throw new Finding("The connection failed in the middle of a line: " + lines.partialLine() + "\n" + transcript);
            }
            return Optional.empty();
        }
    }


    /** The TLS handshake after {@code +OK} to STLS, trusting the sample certificate as the tests' clients do. */
    void startTls() {
        try {
            SSLSocket tls = (SSLSocket) TlsClient.context().getSocketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.setSoTimeout((int) REPLY_TIMEOUT.toMillis());
            tls.startHandshake();
            use(tls);
            transcript.note("TLS " + tls.getSession().getProtocol());
        } catch (IOException e) {
            throw new Finding("STLS was answered +OK but the TLS handshake failed: " + e + "\n" + transcript, e);
        }
    }

    /**
     * Waits for the server to close the connection, after QUIT or after the client closed its side; throws when it
     * does not within {@link #REPLY_TIMEOUT} or sends more.
     */
    void awaitClose(String after) {
        Optional<String> more = readLine("close of the connection after " + after);
        if (more.isPresent()) {
            throw new Finding("The server sent more after " + after + ": " + more.get() + "\n" + transcript);
        }
    }

    /** Closes the sending side only (TCP FIN), as a client that is done; TLS cannot, so it closes the whole. */
    void halfClose() {
        try {
            if (isTls()) {
                socket.close();
                transcript.note("client closed the TLS connection");
                return;
            }
            socket.shutdownOutput();
            transcript.note("client shut down its output");
        } catch (IOException e) {
            transcript.note("shutdown failed: " + e.getMessage());
        }
    }

    /** Drops the connection with a TCP reset, as a crashed client or a dead link would. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
            transcript.note("client reset the connection");
        } catch (IOException e) {
            transcript.note("reset failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
