package dev.pop3x.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A lean POP3 client for load and fault tests: no transcript, messages streamed to a sink with dot-stuffing undone,
 * so that thousands of sessions or a 50 MB message cost the test nothing but the socket.
 */
final class MaildropClient implements Closeable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final CrlfLines lines;
    private final OutputStream out;

    private MaildropClient(Socket socket) throws IOException {
        this.socket = socket;
        this.lines = new CrlfLines(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = socket.getOutputStream();
    }

    /** Connects and reads the greeting. */
    static MaildropClient connect(int port, Duration readTimeout) {
        return connectFrom("127.0.0.1", port, readTimeout);
    }

    /** Connects from another loopback address (127.0.0.2, ...), as a client of another host, and reads the greeting. */
    static MaildropClient connectFrom(String localAddress, int port, Duration readTimeout) {
        try {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            MaildropClient client = new MaildropClient(socket);
            String greeting = client.readLine();
            if (!greeting.startsWith("+OK")) {
                throw new IllegalStateException("Greeting: " + greeting);
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot connect to POP3 on 127.0.0.1:" + port, e);
        }
    }

    /** USER then PASS; the reply to PASS (or to USER when it fails). */
    String login(String user, String password) {
        String reply = command("USER " + user);
        return reply.startsWith("+OK") ? command("PASS " + password) : reply;
    }

    /** Sends a command and reads its status line. */
    String command(String line) {
        send(line);
        return readLine();
    }

    /** Sends a multi-line command; its lines after a +OK, else the -ERR line alone. */
    List<String> multiline(String line) {
        String status = command(line);
        List<String> lines = new ArrayList<>();
        lines.add(status);
        if (status.startsWith("+OK")) {
            for (String next = readLine(); !next.equals("."); next = readLine()) {
                lines.add(next.startsWith(".") ? next.substring(1) : next);
            }
        }
        return lines;
    }

    /** The message count and maildrop size STAT gives. */
    long[] stat() {
        String[] reply = expectOk(command("STAT"), "STAT").split(" ");
        return new long[] {Long.parseLong(reply[1]), Long.parseLong(reply[2])};
    }

    /** RETR: the message, dot-stuffing undone, CRLF line ends. */
    byte[] retr(int number) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        retr(number, message);
        return message.toByteArray();
    }

    /** RETR, streamed to the sink; the octets it received (as LIST counts them). */
    long retr(int number, OutputStream sink) {
        expectOk(command("RETR " + number), "RETR " + number);
        try {
            long octets = 0;
            while (true) {
                byte[] bytes = lines.nextOctets().orElseThrow(() -> new EOFException("Connection closed by the server in RETR"));
                if (bytes.length == 1 && bytes[0] == '.') {
                    return octets;
                }
                int from = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
                sink.write(bytes, from, bytes.length - from);
                sink.write(CRLF);
                octets += bytes.length - from + 2;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readLine() {
        try {
            return lines.require();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String expectOk(String reply, String command) {
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException(command + " answered " + reply);
        }
        return reply;
    }

    /** Drops the connection at once with a TCP reset, as a dead link or a killed client would. */
    void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
