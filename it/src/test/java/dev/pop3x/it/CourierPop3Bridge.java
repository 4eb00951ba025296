package dev.pop3x.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Courier's pop3d over TCP on 127.0.0.1, as Courier's {@code pop3login} and inetd give it: for each connection a
 * greeting, the login (USER and PASS, or AUTH PLAIN; CAPA before it), then {@code courierpop3d} started for that
 * user's Maildir ({@link CourierPop3d}, preauthenticated), its session piped to the client. No STLS.
 */
final class CourierPop3Bridge implements AutoCloseable {
    private final ServerSocket listener;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    private record Account(String password, Path maildir) {
    }

    private CourierPop3Bridge(ServerSocket listener) {
        this.listener = listener;
    }

    static CourierPop3Bridge start() throws IOException {
        CourierPop3Bridge bridge = new CourierPop3Bridge(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(bridge::accept, "courier-bridge-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return bridge;
    }

    int port() {
        return listener.getLocalPort();
    }

    void addUser(String user, String password, Path maildir) {
        accounts.put(user, new Account(password, maildir));
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread session = new Thread(() -> serve(client), "courier-bridge-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            send(out, "+OK Hello there.");
            String user = null;
            for (String line = line(in); line != null; line = line(in)) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                String argument = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
                if (verb.equals("CAPA")) {
                    send(out, "+OK Here's what I can do:\r\nTOP\r\nUSER\r\nSASL PLAIN\r\nUIDL\r\nIMPLEMENTATION Courier Mail Server\r\n.");
                } else if (verb.equals("USER")) {
                    user = argument;
                    send(out, "+OK Password required.");
                } else if (verb.equals("PASS") && user != null) {
                    if (login(user, argument, in, out)) {
                        return;
                    }
                } else if (verb.equals("AUTH") && argument.toUpperCase(Locale.ROOT).startsWith("PLAIN")) {
                    String response = argument.length() > 6 ? argument.substring(6) : null;
                    if (response == null) {
                        send(out, "+ ");
                        response = line(in);
                    }
                    String[] parts = new String(Base64.getDecoder().decode(response), StandardCharsets.UTF_8).split("\0", -1);
                    if (parts.length == 3 && login(parts[1], parts[2], in, out)) {
                        return;
                    }
                } else if (verb.equals("QUIT")) {
                    send(out, "+OK Bye-bye.");
                    return;
                } else {
                    send(out, "-ERR Invalid command.");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** Starts courierpop3d for the user and pipes the session to it; false (and -ERR) when the password is wrong. */
    private boolean login(String user, String password, InputStream in, OutputStream out) throws IOException, InterruptedException {
        Account account = accounts.get(user);
        if (account == null || !account.password().equals(password)) {
            send(out, "-ERR Login failed.");
            return false;
        }
        ProcessBuilder builder = new ProcessBuilder(CourierPop3d.POP3D.toString(), account.maildir().toString());
        builder.environment().put("AUTHENTICATED", user);
        Process pop3d = builder.start();
        Thread toClient = new Thread(() -> pump(pop3d.getInputStream(), out), "courier-bridge-out");
        toClient.setDaemon(true);
        toClient.start();
        Thread toPop3d = new Thread(() -> pump(in, pop3d.getOutputStream()), "courier-bridge-in");
        toPop3d.setDaemon(true);
        toPop3d.start();
        pop3d.waitFor();
        toClient.join(5000);
        return true;
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buffer = new byte[8192];
        try {
            for (int read = from.read(buffer); read != -1; read = from.read(buffer)) {
                to.write(buffer, 0, read);
                to.flush();
            }
            to.close();
        } catch (IOException e) {
            // one side ended the session
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A line read byte by byte, so that nothing after it is taken from what courierpop3d will read. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return null;
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
