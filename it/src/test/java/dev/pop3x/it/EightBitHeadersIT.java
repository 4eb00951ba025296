package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mail with 8-bit header fields, sent over SMTP as mail clients send it ({@code BODY=8BITMIME}, raw octets), reaches
 * both backends intact: RETR gives back every octet sent, under the trace fields delivery adds (Return-Path,
 * Received, Delivered-To), and LIST counts what RETR sends. {@code pop3x.local} is on the {@code james} backend
 * (IntactLocalDelivery), {@code maildir.pop3x.local} on the {@code maildir} one (ToMaildir), as conf/ routes them.
 */
class EightBitHeadersIT {
    private static final String PASSWORD = "secret";
    private static final String SENDER = "sender@example.test";
    private static final Set<String> TRACE_FIELDS = Set.of("return-path", "received", "delivered-to");
    private static final AtomicInteger USERS = new AtomicInteger();

    /** RFC 6532 mail: UTF-8 in the From display name, the Subject, a folded field and the body. */
    private static final byte[] UTF8_MESSAGE = (
        "From: J\u00fcrgen M\u00fcller <juergen@example.test>\r\n"
            + "To: Zo\u00eb <zoe@example.test>\r\n"
            + "Subject: Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u65e5\u672c\u8a9e\r\n"
            + "X-Folded: first line\r\n \u00e9t\u00e9 on the continuation\r\n"
            + "Message-ID: <utf8-1@example.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Sch\u00f6ne Gr\u00fc\u00dfe, \u00c5sa.\r\n").getBytes(StandardCharsets.UTF_8);

    /** Legacy 8-bit mail: ISO-8859-1 octets, unencoded, in header fields and body. */
    private static final byte[] LATIN1_MESSAGE = (
        "From: Fran\u00e7ois <francois@example.test>\r\n"
            + "Subject: Caf\u00e9 cr\u00e8me \u00e0 la gare\r\n"
            + "X-Mailer: \u00a9 Vieux Client 1.0\r\n"
            + "Message-ID: <latin1-1@example.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "\u00c0 bient\u00f4t.\r\n").getBytes(StandardCharsets.ISO_8859_1);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    /** A user of its own for each test, in the domain of the backend under test. */
    private static String user(String domain) {
        String user = "eightbit" + USERS.incrementAndGet() + "@" + domain;
        server.addUser(user, PASSWORD);
        return user;
    }

    private static void deliverAndAwait(String user, byte[] message) {
        server.smtp().deliverOctets(SENDER, user, message);
        if (user.endsWith("@maildir.pop3x.local")) {
            Path newFolder = server.workingDirectory().resolve("var/maildir/maildir.pop3x.local")
                .resolve(user.substring(0, user.indexOf('@'))).resolve("Maildir/new");
            Eventually.until(Duration.ofSeconds(30), "delivery to " + user, () -> fileCount(newFolder) == 1);
        } else {
            server.awaitMessageCount(user, 1);
        }
    }

    private static long fileCount(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static byte[] retrieveFirst(String user) {
        try (Pop3LineClient pop3 = Pop3LineClient.connect(server.pop3Port())) {
            assertThat(pop3.login(user, PASSWORD)).startsWith("+OK");
            return pop3.retrieveOctets(1);
        }
    }

    /** The message without the header fields delivery adds, each with its continuation lines. */
    private static byte[] withoutTraceFields(byte[] message) {
        List<byte[]> lines = lines(message);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        boolean inHeader = true;
        boolean dropping = false;
        for (byte[] line : lines) {
            if (inHeader && line.length == 2) {
                inHeader = false;
            } else if (inHeader && (line[0] == ' ' || line[0] == '\t')) {
                if (dropping) {
                    continue;
                }
            } else if (inHeader) {
                String field = new String(line, StandardCharsets.ISO_8859_1);
                dropping = TRACE_FIELDS.contains(field.substring(0, Math.max(0, field.indexOf(':'))).toLowerCase(Locale.ROOT));
                if (dropping) {
                    continue;
                }
            }
            kept.writeBytes(line);
        }
        return kept.toByteArray();
    }

    /** Lines with their CRLF. */
    private static List<byte[]> lines(byte[] message) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                byte[] line = new byte[i + 1 - start];
                System.arraycopy(message, start, line, 0, line.length);
                lines.add(line);
                start = i + 1;
            }
        }
        return lines;
    }

    private static String sha256(byte[] octets) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(octets));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String latin1(byte[] octets) {
        return new String(octets, StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"pop3x.local", "maildir.pop3x.local"})
    void rawUtf8HeaderFieldsAreRetrievedOctetForOctet(String domain) {
        String user = user(domain);
        deliverAndAwait(user, UTF8_MESSAGE);

        byte[] retrieved = retrieveFirst(user);

        assertThat(sha256(withoutTraceFields(retrieved)))
            .as("SHA-256 of RETR without its trace fields; RETR sent, as ISO-8859-1:%n%s", latin1(retrieved))
            .isEqualTo(sha256(UTF8_MESSAGE));
        assertThat(new String(retrieved, StandardCharsets.UTF_8)).contains("Subject: Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u65e5\u672c\u8a9e\r\n");
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"pop3x.local", "maildir.pop3x.local"})
    void legacyEightBitHeaderFieldsAreRetrievedOctetForOctet(String domain) {
        String user = user(domain);
        deliverAndAwait(user, LATIN1_MESSAGE);

        byte[] retrieved = retrieveFirst(user);

        assertThat(sha256(withoutTraceFields(retrieved)))
            .as("SHA-256 of RETR without its trace fields; RETR sent, as ISO-8859-1:%n%s", latin1(retrieved))
            .isEqualTo(sha256(LATIN1_MESSAGE));
        assertThat(latin1(retrieved)).contains("Subject: Caf\u00e9 cr\u00e8me \u00e0 la gare\r\n");
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"pop3x.local", "maildir.pop3x.local"})
    void deliveryAddsOnlyTheTraceFieldsInFrontOfTheReceivedHeader(String domain) {
        String user = user(domain);
        deliverAndAwait(user, UTF8_MESSAGE);

        String retrieved = latin1(retrieveFirst(user));

        assertThat(retrieved).startsWith("Return-Path: <" + SENDER + ">\r\n").contains("\r\nDelivered-To: " + user + "\r\n")
            .contains("\r\nReceived: from ").endsWith(latin1(UTF8_MESSAGE));
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"pop3x.local", "maildir.pop3x.local"})
    void listCountsTheOctetsRetrSendsOfAnEightBitMessage(String domain) {
        String user = user(domain);
        deliverAndAwait(user, UTF8_MESSAGE);

        try (Pop3LineClient pop3 = Pop3LineClient.connect(server.pop3Port())) {
            pop3.login(user, PASSWORD);
            String list = pop3.command("LIST 1");
            byte[] retrieved = pop3.retrieveOctets(1);

            assertThat(list).isEqualTo("+OK 1 " + retrieved.length);
        }
    }
}
