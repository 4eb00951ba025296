package dev.pop3x.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLSocket;

/**
 * A POP3 client that speaks raw lines, so that a test can assert exactly what was exchanged. Every line the
 * server sends must end in CRLF; a bare LF fails the read. Lines are UTF-8 (RFC 6856); everything is kept in a
 * transcript of {@code C: } and {@code S: } lines. It speaks TLS too: implicit ({@link #connectTls}) or after
 * STLS ({@link #startTls}), trusting the sample keystore's certificate.
 */
public final class Pop3LineClient implements Closeable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** How long the server may take to close the connection after QUIT's +OK (its maildrop released first). */
    private static final Duration QUIT_CLOSE = Duration.ofSeconds(30);

    private Socket socket;
    private InputStream in;
    private CrlfLines lines;
    private OutputStream out;
    private final List<String> transcript = new ArrayList<>();

    private Pop3LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.lines = new CrlfLines(in);
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:port; the greeting is the first line of the transcript. */
    public static Pop3LineClient connect(int port) {
        return connectFrom("127.0.0.1", port);
    }

    /** Connects to 127.0.0.1:port from another loopback address (127.0.0.2, ...), as a client of another host would. */
    public static Pop3LineClient connectFrom(String localAddress, int port) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            Pop3LineClient client = new Pop3LineClient(socket);
            client.readLine();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect to POP3 on 127.0.0.1:" + port + " from " + localAddress, e);
        }
    }

    /** Connects to a POP3-over-TLS port of 127.0.0.1 (RFC 8314); the greeting is read. */
    public static Pop3LineClient connectTls(int port) {
        try {
            SSLSocket socket = (SSLSocket) TlsClient.context().getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.startHandshake();
            Pop3LineClient client = new Pop3LineClient(socket);
            client.readLine();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect with TLS to POP3 on 127.0.0.1:" + port, e);
        }
    }

    /** Sends STLS and, on {@code +OK}, runs the TLS handshake on the connection; returns the STLS reply. */
    public String startTls() {
        String reply = command("STLS");
        if (reply.startsWith("+OK")) {
            try {
                SSLSocket tls = (SSLSocket) TlsClient.context().getSocketFactory()
                    .createSocket(socket, "127.0.0.1", socket.getPort(), true);
                tls.setUseClientMode(true);
                tls.startHandshake();
                socket = tls;
                in = new BufferedInputStream(tls.getInputStream());
                lines = new CrlfLines(in);
                out = tls.getOutputStream();
                transcript.add("   (TLS " + tls.getSession().getProtocol() + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("TLS handshake after STLS failed", e);
            }
        }
        return reply;
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    public String greeting() {
        return transcript.get(0).substring("S: ".length());
    }

    /**
     * Sends one command and reads its one-line reply. After QUIT's {@code +OK}, waits for the server to close the
     * connection, as it does once the session's retrievals are stored and its maildrop released: what a test reads
     * next from the store is what the session left.
     */
    public String command(String line) {
        send(line);
        String reply = readLine();
        if (line.equalsIgnoreCase("QUIT") && reply.startsWith("+OK")) {
            byte[] after = readUntilClosed(QUIT_CLOSE);
            if (after.length > 0) {
                throw new AssertionError("The server sent " + after.length + " octets after QUIT's +OK");
            }
        }
        return reply;
    }

    /**
     * Sends one command whose {@code +OK} reply is multi-line, and returns every line of the reply: the status
     * line, the data lines as sent (still dot-stuffed), and the terminating "." line. An {@code -ERR} reply is a
     * single line.
     */
    public List<String> multiline(String line) {
        send(line);
        return readMultiline();
    }

    /** Reads the data lines of a multi-line reply whose status line was read, up to and with the terminating ".". */
    public List<String> readMultilineData() {
        List<String> data = new ArrayList<>();
        String line;
        do {
            line = readLine();
            data.add(line);
        } while (!line.equals("."));
        return data;
    }

    public List<String> readMultiline() {
        List<String> reply = new ArrayList<>();
        String status = readLine();
        reply.add(status);
        if (status.startsWith("+OK")) {
            String data;
            do {
                data = readLine();
                reply.add(data);
            } while (!data.equals("."));
        }
        return reply;
    }

    /**
     * Sends {@code RETR message} and returns the message's octets as the server sent them, byte-stuffing undone and
     * each line ending in CRLF: what the server's LIST must count. Fails on an {@code -ERR}.
     */
    public byte[] retrieveOctets(int message) {
        String status = command("RETR " + message);
        if (!status.startsWith("+OK")) {
            throw new IllegalStateException("RETR " + message + " refused: " + status);
        }
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        try {
            while (true) {
                byte[] line = lines.nextOctets().orElseThrow(() -> new IOException("Connection closed in the middle of RETR"));
                if (line.length == 1 && line[0] == '.') {
                    break;
                }
                int start = line.length > 0 && line[0] == '.' ? 1 : 0;
                octets.write(line, start, line.length - start);
                octets.write('\r');
                octets.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        transcript.add("S: (" + octets.size() + " octets)");
        transcript.add("S: .");
        return octets.toByteArray();
    }

    /** Logs in with USER and PASS and returns the PASS reply. */
    public String login(String user, String password) {
        String userReply = command("USER " + user);
        if (!userReply.startsWith("+OK")) {
            throw new IllegalStateException("USER refused: " + userReply);
        }
        return command("PASS " + password);
    }

    public void send(String line) {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        transcript.add("C: " + line);
    }

    /** Writes bytes as they are, for tests of framing (several commands in one write, no CRLF, ...). */
    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one CRLF-terminated line, without its CRLF. */
    public String readLine() {
        try {
            String text = lines.require();
            transcript.add("S: " + text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server has closed the connection (a read returns end of stream within the timeout). */
    public boolean isClosedByServer(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            return in.read() == -1;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        } finally {
            try {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            } catch (IOException ignored) {
                // the socket is closed: nothing to restore
            }
        }
    }

    /** True when the server sends nothing, neither a line nor its close, within the time; what it sends later is still read. */
    public boolean sendsNothingWithin(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            in.mark(1);
            in.read();
            in.reset();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            } catch (IOException ignored) {
                // the socket is closed: nothing to restore
            }
        }
    }

    /**
     * Reads what the server sends until it closes the connection, within the time.
     *
     * @throws AssertionError when it is still open then
     */
    public byte[] readUntilClosed(Duration within) {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                socket.setSoTimeout((int) left);
                int b = in.read();
                if (b == -1) {
                    return rest.toByteArray();
                }
                rest.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The server did not close the connection within " + within + "; it sent " + rest.size() + " octets");
        } catch (IOException e) {
            // a reset closes it too
            return rest.toByteArray();
        }
    }

    /** Drops the TCP connection at once with a reset, the way a crashed client or a dead link would. */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> transcript() {
        return Collections.unmodifiableList(transcript);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
