package dev.pop3x.bench;

import java.io.BufferedInputStream;
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
 * The benchmarks' POP3 client: raw socket, one command at a time, replies read in bulk and scanned for their end
 * without building strings, so that the client costs little of the two cores it shares with the server.
 */
final class FastPop3Client implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];

    FastPop3Client(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        in = new BufferedInputStream(socket.getInputStream(), 256 * 1024);
        out = socket.getOutputStream();
        expectOk(readLine());
    }

    void login(String user, String password) throws IOException {
        expectOk(command("USER " + user));
        expectOk(command("PASS " + password));
    }

    /** STAT's message count. */
    int stat() throws IOException {
        String reply = command("STAT");
        expectOk(reply);
        return Integer.parseInt(reply.split(" ")[1]);
    }

    /** UIDL's listing: the unique-id of each message, in message-number order. */
    List<String> uidl() throws IOException {
        expectOk(command("UIDL"));
        List<String> ids = new ArrayList<>();
        for (String line = readLine(); !line.equals("."); line = readLine()) {
            ids.add(line.substring(line.indexOf(' ') + 1));
        }
        return ids;
    }

    void dele(int number) throws IOException {
        expectOk(command("DELE " + number));
    }

    void quit() throws IOException {
        expectOk(command("QUIT"));
    }

    String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readLine();
    }

    /** Sends a command with a multi-line reply and returns the octets of its data, terminator excluded. */
    long multiline(String line) throws IOException {
        expectOk(command(line));
        long octets = 0;
        boolean lineStart = true;
        int dot = 0; // 1: "." at a line start, 2: "." CR
        int previous = '\n';
        while (true) {
            int read = in.read(buffer);
            if (read == -1) {
                throw new IOException("Connection closed in a multi-line reply");
            }
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                octets++;
                if (dot == 2 && b == '\n') {
                    if (i + 1 < read) {
                        throw new IOException("Unexpected bytes after the end of a multi-line reply");
                    }
                    return octets - 3;
                }
                if (dot == 1 && b == '\r') {
                    dot = 2;
                } else if (lineStart && b == '.') {
                    dot = 1;
                } else {
                    dot = 0;
                }
                lineStart = previous == '\r' && b == '\n';
                previous = b;
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n' && previous == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
            previous = b;
        }
        throw new IOException("Connection closed");
    }

    private static void expectOk(String reply) throws IOException {
        if (!reply.startsWith("+OK")) {
            throw new IOException("Unexpected reply: " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
