package dev.pop3x.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores messages in James's mailboxes byte for byte, through IMAP (APPEND with a literal): the only way into a
 * memory James from another process that keeps the bytes as they are (SMTP adds trace headers).
 */
final class ImapFiller implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    ImapFiller(int port, String user, String password) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        expect(readLine(), "* OK");
        command("LOGIN \"" + user + "\" \"" + password + "\"");
    }

    void create(String mailbox) throws IOException {
        command("CREATE " + mailbox);
    }

    void append(String mailbox, byte[] message) throws IOException {
        String current = "a" + (++tag);
        out.write((current + " APPEND " + mailbox + " {" + message.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(readLine(), "+");
        out.write(message);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitTagged(current);
    }

    /** Copies every message of one mailbox into another, as the server stores it. */
    void copyAll(String from, String to) throws IOException {
        command("SELECT " + from);
        command("COPY 1:* " + to);
        command("CLOSE");
    }

    /** How many messages the mailbox holds (STATUS). */
    long messages(String mailbox) throws IOException {
        for (String line : command("STATUS " + mailbox + " (MESSAGES)")) {
            int at = line.indexOf("(MESSAGES ");
            if (line.startsWith("* STATUS ") && at >= 0) {
                return Long.parseLong(line.substring(at + "(MESSAGES ".length(), line.indexOf(')', at)));
            }
        }
        throw new IOException("No STATUS of " + mailbox);
    }

    /** Expunges every message of the mailbox. */
    void deleteAllOf(String mailbox) throws IOException {
        int exists = 0;
        for (String line : command("SELECT " + mailbox)) {
            if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                exists = Integer.parseInt(line.substring(2, line.length() - " EXISTS".length()));
            }
        }
        if (exists > 0) {
            command("STORE 1:" + exists + " +FLAGS.SILENT (\\Deleted)");
            command("EXPUNGE");
        }
        command("CLOSE");
    }

    /** Sends a command, waits for its tagged OK, and returns the untagged lines before it. */
    private List<String> command(String command) throws IOException {
        String current = "a" + (++tag);
        out.write((current + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return awaitTagged(current);
    }

    private List<String> awaitTagged(String current) throws IOException {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.startsWith(current + " ")) {
                expect(line, current + " OK");
                return untagged;
            }
            untagged.add(line);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                return line.toString().stripTrailing();
            }
            line.append((char) b);
        }
        throw new IOException("IMAP connection closed");
    }

    private static void expect(String line, String prefix) throws IOException {
        if (!line.startsWith(prefix)) {
            throw new IOException("Expected " + prefix + ", got: " + line);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            command("LOGOUT");
        } catch (IOException ignored) {
            // closing anyway
        }
        socket.close();
    }
}
