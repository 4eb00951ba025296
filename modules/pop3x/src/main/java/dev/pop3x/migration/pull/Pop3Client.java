package dev.pop3x.migration.pull;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A blocking POP3 client (RFC 1939, STLS of RFC 2595, AUTH PLAIN of RFC 5034) for one pull session, on a James task
 * thread: connect and read timeouts bound every wait. What it sends is never logged; what the server answered goes
 * into failures with its control characters escaped, and never what was sent.
 */
final class Pop3Client implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_QUOTED = 200;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private Pop3Client(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket connected) throws IOException {
        this.socket = connected;
        this.in = new BufferedInputStream(connected.getInputStream());
        this.out = connected.getOutputStream();
    }

    /** Connects, starting TLS as the server's mode asks, and reads the greeting. */
    static Pop3Client connect(OldServer server) throws PullFailure {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(server.host(), server.port()), (int) server.timeout().toMillis());
            plain.setSoTimeout((int) server.timeout().toMillis());
            Pop3Client client = new Pop3Client(server.tls() == TlsMode.IMPLICIT ? TlsSockets.over(plain, server) : plain);
            client.expectOk("the greeting");
            if (server.tls() == TlsMode.STLS) {
                client.command("STLS", "STLS");
                client.use(TlsSockets.over(plain, server));
            }
            return client;
        } catch (IOException e) {
            close(plain);
            throw new PullFailure("cannot reach " + server + ": " + e.getMessage(), e);
        } catch (PullFailure e) {
            close(plain);
            throw e;
        }
    }

    /** Logs in; a refusal names the server's answer. */
    void login(Credentials credentials) throws PullFailure {
        if (credentials.master().isPresent() && credentials.style() == Credentials.MasterStyle.SASL) {
            String response = Base64.getEncoder().encodeToString((credentials.login() + "\0" + credentials.master().get() + "\0"
                + credentials.password()).getBytes(StandardCharsets.UTF_8));
            String answer = exchange("AUTH PLAIN " + response);
            if (answer.startsWith("+ ") || answer.equals("+")) {
                answer = exchange(response);
            }
            refusedUnlessOk(answer, "the login of " + credentials.login());
            return;
        }
        String user = credentials.master().map(master -> credentials.login() + "*" + master).orElse(credentials.login());
        refusedUnlessOk(exchange("USER " + user), "the login of " + credentials.login());
        refusedUnlessOk(exchange("PASS " + credentials.password()), "the login of " + credentials.login());
    }

    /** The lines of a multi-line answer (UIDL, LIST, TOP), unstuffed, without the terminating dot. */
    List<String> multiline(String command) throws PullFailure {
        command(command, command.split(" ")[0]);
        List<String> lines = new ArrayList<>();
        for (String line = line(); !line.equals("."); line = line()) {
            lines.add(line.startsWith("..") ? line.substring(1) : line);
        }
        return lines;
    }

    /** The header section {@code TOP n 0} sends, with CRLF line ends, as a stream. */
    InputStream headers(int number) throws PullFailure {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        for (String line : multiline("TOP " + number + " 0")) {
            headers.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            headers.writeBytes(new byte[] {'\r', '\n'});
        }
        return new ByteArrayInputStream(headers.toByteArray());
    }

    /** Ends the session without deleting anything (nothing was marked). */
    void quit() throws PullFailure {
        exchange("QUIT");
    }

    private void command(String command, String name) throws PullFailure {
        String answer = exchange(command);
        if (!answer.startsWith("+OK")) {
            throw new PullFailure("the old server answered " + name + " with " + quoted(answer));
        }
    }

    private void expectOk(String what) throws PullFailure {
        String answer = line();
        if (!answer.startsWith("+OK")) {
            throw new PullFailure("the old server answered " + what + " with " + quoted(answer));
        }
    }

    private static void refusedUnlessOk(String answer, String what) throws PullFailure {
        if (!answer.startsWith("+OK")) {
            throw new PullFailure("the old server refused " + what + ": " + quoted(answer));
        }
    }

    private String exchange(String command) throws PullFailure {
        try {
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new PullFailure("the connection to the old server failed: " + e.getMessage(), e);
        }
        return line();
    }

    private String line() throws PullFailure {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        try {
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new PullFailure("the old server closed the connection");
                }
                if (line.size() >= MAX_LINE) {
                    throw new PullFailure("the old server sent a line longer than " + MAX_LINE + " octets");
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new PullFailure("reading from the old server failed: " + e.getMessage(), e);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** The server's answer for a report: printable ASCII, control and 8-bit characters escaped, cut to a length. */
    static String quoted(String answer) {
        StringBuilder quoted = new StringBuilder("'");
        for (int i = 0; i < answer.length() && i < MAX_QUOTED; i++) {
            char c = answer.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                quoted.append(String.format("\\x%02x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append(answer.length() > MAX_QUOTED ? "...'" : "'").toString();
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing more to read
        }
    }
}
