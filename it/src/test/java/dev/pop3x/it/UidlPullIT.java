package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The UIDL pull ({@code POST /pop3x/uidls/users/<user>?task=pull}, and for many users {@code POST /pop3x/uidls?task=pull}):
 * pop3x logs in to the previous server, reads its UIDL, LIST and {@code TOP n 0}, and pairs its messages with their
 * copies here by a digest of the header fields a move keeps, size first. The old servers are a private Dovecot 2.3
 * with its default UIDLs ({@code %08Xu%08Xv}, STLS with a self-signed certificate, a master user) and Courier's pop3d
 * behind a login bridge ({@link CourierPop3Bridge}); the mail is copied into both backends as imapsync and a delivery
 * would (a {@code Received} or {@code Return-Path} added, fields reordered). Also {@code maildrop.reuse-xuidl}.
 */
class UidlPullIT {
    private static final String JAMES_DOMAIN = "pop3x.local";
    private static final String MAILDIR_DOMAIN = "maildir.pop3x.local";
    private static final String WHOLE_DOMAIN = "whole.pop3x.local";
    private static final String MASTER = "migration-admin";
    private static final String MASTER_PASSWORD = "Master-Pw-4711-never-logged";
    private static final int BULK_USERS = 200;
    private static final Path POP3X_MAILDIRS = TempDirectories.create("pop3x-pull-maildirs");
    private static final Path DOVECOT_MAILDIRS = TempDirectories.create("pop3x-pull-dovecot-maildirs");
    private static final Path COURIER_MAILDIRS = TempDirectories.create("pop3x-pull-courier-maildirs");
    private static final List<String> DOVECOT_USERS = List.of("dovecot@" + JAMES_DOMAIN, "dovecot@" + MAILDIR_DOMAIN,
        "gap@" + JAMES_DOMAIN, "again@" + MAILDIR_DOMAIN, "master@" + JAMES_DOMAIN, "one@" + WHOLE_DOMAIN, "two@" + WHOLE_DOMAIN);
    private static final AtomicInteger COPIES = new AtomicInteger();

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.maildirsIn(POP3X_MAILDIRS)
        .andThen(home -> home.edit("pop3x.properties", properties -> properties
            + "\nmaildrop.reuse-xuidl[xuidl@" + JAMES_DOMAIN + "]=true\nmaildrop.reuse-xuidl[xuidl@" + MAILDIR_DOMAIN + "]=true\n")));

    private static RunningJames server;
    private static WebAdmin webAdmin;
    private static PrivateDovecot dovecot;
    private static CourierPop3Bridge courier;

    @BeforeAll
    static void servers() throws Exception {
        server = new RunningJames(james.getGuiceJamesServer());
        webAdmin = new WebAdmin(server.webAdminPort());
        Path dovecotHome = TempDirectories.create("pop3x-pull-dovecot");
        Map<String, String> users = new HashMap<>();
        DOVECOT_USERS.forEach(user -> users.put(user, password(user)));
        IntStream.rangeClosed(1, BULK_USERS).forEach(i -> users.put(bulkUser(i), password(bulkUser(i))));
        dovecot = PrivateDovecot.start(dovecotHome, DOVECOT_MAILDIRS, JamesProcess.freePorts().pop3(), users, Optional.empty(),
            stlsAndMasterUser(dovecotHome));
        courier = CourierPop3Bridge.start();
    }

    /** STLS with a self-signed certificate, and a master user who logs in as any user (user*master, or SASL PLAIN's authzid). */
    private static List<String> stlsAndMasterUser(Path home) throws Exception {
        Commands.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=old-server.example",
            "-keyout", home.resolve("key.pem").toString(), "-out", home.resolve("cert.pem").toString());
        Path masters = Files.writeString(home.resolve("masters"), MASTER + ":{PLAIN}" + MASTER_PASSWORD + "::::::\n");
        return List.of("ssl = yes", "ssl_cert = <" + home.resolve("cert.pem"), "ssl_key = <" + home.resolve("key.pem"),
            "auth_master_user_separator = *", "passdb {", "  driver = passwd-file", "  master = yes",
            "  args = scheme=PLAIN username_format=%u " + masters, "}");
    }

    @AfterAll
    static void stopOldServers() throws Exception {
        courier.close();
        dovecot.close();
    }

    private static String password(String user) {
        return "Pw-" + user.hashCode() + "-never-logged";
    }

    private static String bulkUser(int i) {
        return "bulk" + i + "@" + MAILDIR_DOMAIN;
    }

    /** An old message: some with a Message-ID, some without, one with 8-bit bytes in its Subject. */
    private static String oldMessage(String user, int n) {
        return "From: Sender " + n + " <s" + n + "@example.test>\nTo: " + user + "\nDate: Thu, 3 Dec 2026 10:0" + n + ":00 +0000\n"
            + (n % 2 == 1 ? "Message-ID: <" + n + "." + user + ">\n" : "")
            + "Subject: " + (n == 2 ? "caf\u00e9 " : "") + "old mail " + n + "\n\nbody " + n + "\n";
    }

    private static Path maildirOf(Path root, String user) throws IOException {
        String[] address = user.split("@");
        Path maildir = root.resolve(address[1]).resolve(address[0]).resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (Path dir = maildir.resolve("new"); !dir.equals(root); dir = dir.getParent()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        for (String sub : List.of("tmp", "cur")) {
            Files.setPosixFilePermissions(maildir.resolve(sub), PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        return maildir;
    }

    private static void drop(Path root, String user, String message) throws IOException {
        int copy = COPIES.incrementAndGet();
        Path file = maildirOf(root, user).resolve("new").resolve((1_700_000_000L + copy) + ".M" + copy + "P7.old-server");
        Files.writeString(file, message, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    /** A user of Courier's pop3d with these old messages. */
    private static String courierUser(String name, String domain, int messages) throws IOException {
        String user = name + "@" + domain;
        for (int n = 1; n <= messages; n++) {
            drop(COURIER_MAILDIRS, user, oldMessage(user, n));
        }
        courier.addUser(user, password(user), maildirOf(COURIER_MAILDIRS, user));
        return user;
    }

    /** The old server's messages, as RETR sends them. */
    private static List<byte[]> retrieveAll(int port, String user) {
        try (Pop3LineClient pop = Pop3LineClient.connect(port)) {
            assertThat(pop.login(user, password(user))).startsWith("+OK");
            int count = Integer.parseInt(pop.command("STAT").split(" ")[1]);
            List<byte[]> messages = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                messages.add(pop.retrieveOctets(n));
            }
            pop.command("QUIT");
            return messages;
        }
    }

    /**
     * The copy of one message, as a move makes it: every other one gets a {@code Received} field on top (the new
     * server's delivery), the others a {@code Return-Path} and their first field moved to the end of the header.
     */
    private static String moved(byte[] original, int index) {
        String text = new String(original, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n") + 2;
        List<String> fields = new ArrayList<>(List.of(text.substring(0, end).split("\r\n(?![ \t])")));
        if (index % 2 == 0) {
            fields.add(0, "Received: from old-server.example (old-server.example [192.0.2.1])\r\n\tby mx.pop3x.local with LMTP; Fri, 4 Dec 2026 10:00:00 +0000");
        } else {
            fields.add(fields.remove(0));
            fields.add(0, "Return-Path: <moved@example.test>");
        }
        return String.join("\r\n", fields) + "\r\n" + text.substring(end);
    }

    /** Copies the messages into the user's maildrop here, on the user's backend (maildir for one domain, else James's). */
    private static void copy(String user, List<String> messages) throws IOException {
        for (String message : messages) {
            if (user.endsWith("@" + MAILDIR_DOMAIN)) {
                drop(POP3X_MAILDIRS, user, message.replace("\r\n", "\n"));
            } else {
                server.appendToInbox(user, message, Instant.ofEpochSecond(1_700_000_000L + COPIES.incrementAndGet()));
            }
        }
    }

    private static List<String> movedCopies(int port, String user) {
        List<byte[]> old = retrieveAll(port, user);
        return IntStream.range(0, old.size()).mapToObj(i -> moved(old.get(i), i)).collect(Collectors.toList());
    }

    private static List<String> uidls(int port, String user) {
        try (Pop3LineClient pop = Pop3LineClient.connect(port)) {
            assertThat(pop.login(user, password(user))).startsWith("+OK");
            List<String> uidl = pop.multiline("UIDL");
            pop.command("QUIT");
            return uidl.subList(1, uidl.size() - 1);
        }
    }

    private static String dovecotServer() {
        return "\"host\": \"127.0.0.1\", \"port\": " + dovecot.port() + ", \"tls\": {\"mode\": \"stls\", \"trustAll\": true}";
    }

    private static String courierServer() {
        return "\"host\": \"127.0.0.1\", \"port\": " + courier.port() + ", \"tls\": {\"mode\": \"none\"}";
    }

    /** Pulls the user's unique-ids with their own password, which goes in a header: James's WebAdmin logs request bodies. */
    private static JsonNode pull(String user, String body) {
        return webAdmin.runTask("/pop3x/uidls/users/" + user + "?task=pull", body, Map.of("X-Pop3x-Password", password(user)));
    }

    @ParameterizedTest(name = "from {0} into the {1} backend")
    @CsvSource({"dovecot, " + JAMES_DOMAIN, "dovecot, " + MAILDIR_DOMAIN, "courier, " + JAMES_DOMAIN, "courier, " + MAILDIR_DOMAIN})
    void aLeaveOnServerClientDownloadsNothingAgainAfterTheMoveAndThePull(String oldServer, String domain, @TempDir Path home) throws Exception {
        boolean fromDovecot = oldServer.equals("dovecot");
        String user = fromDovecot ? "dovecot@" + domain : courierUser("courier", domain, 3);
        server.addUser(user, password(user));
        if (fromDovecot) {
            for (int n = 1; n <= 3; n++) {
                dovecot.deliver(user, oldMessage(user, n));
            }
        }
        int oldPort = fromDovecot ? dovecot.port() : courier.port();
        LeaveOnServerMpop client = new LeaveOnServerMpop(home, user, password(user));
        String fromOldServer = client.poll(oldPort);
        assertThat(client.delivered()).as(fromOldServer).isEqualTo(3);
        copy(user, movedCopies(oldPort, user));

        JsonNode task = pull(user, "{" + (fromDovecot ? dovecotServer() : courierServer()) + "}");

        JsonNode details = task.get("additionalInformation");
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        assertThat(details.get("oldMessages").asInt()).isEqualTo(3);
        assertThat(details.get("matched").asInt()).isEqualTo(3);
        assertThat(details.get("ambiguous").asInt()).isZero();
        assertThat(details.get("unmatched").asInt()).isZero();
        assertThat(details.get("unpairedHere").asInt()).isZero();
        assertThat(uidls(server.pop3Port(), user)).isEqualTo(uidls(oldPort, user));
        assertThat(client.poll(server.pop3Port())).contains("--> UIDL").doesNotContain("--> RETR");
        assertThat(client.delivered()).isEqualTo(3);
    }

    @Test
    void aMessageOnlyTheOldServerHasAndOneOnlyThisServerHasAreReportedNotPairedWithEachOther() throws Exception {
        String user = "gap@" + JAMES_DOMAIN;
        server.addUser(user, password(user));
        for (int n = 1; n <= 3; n++) {
            dovecot.deliver(user, oldMessage(user, n));
        }
        List<String> copies = movedCopies(dovecot.port(), user);
        // the third message did not make it; another one of the same size came here only
        String onlyHere = copies.get(2).replace("old mail 3", "new mail 3");
        copy(user, List.of(copies.get(0), copies.get(1), onlyHere));
        String lostUidl = uidls(dovecot.port(), user).get(2).split(" ")[1];
        String ownUidl = uidls(server.pop3Port(), user).get(2).split(" ")[1];

        JsonNode details = pull(user, "{" + dovecotServer() + "}").get("additionalInformation");

        assertThat(details.get("matched").asInt()).isEqualTo(2);
        assertThat(details.get("unmatched").asInt()).isEqualTo(1);
        assertThat(details.get("unmatchedUidls").toString()).isEqualTo("[\"" + lostUidl + "\"]");
        assertThat(details.get("unpairedHere").asInt()).isEqualTo(1);
        assertThat(details.get("unpairedHereUidls").toString()).isEqualTo("[\"" + ownUidl + "\"]");
        assertThat(uidls(server.pop3Port(), user).get(2)).isEqualTo("3 " + ownUidl);
    }

    @Test
    void pullingAgainPairsWhatArrivedSinceAndKeepsWhatWasPaired() throws Exception {
        String user = "again@" + MAILDIR_DOMAIN;
        server.addUser(user, password(user));
        String body = "{" + dovecotServer() + "}";
        for (int n = 1; n <= 2; n++) {
            dovecot.deliver(user, oldMessage(user, n));
        }
        copy(user, movedCopies(dovecot.port(), user));
        assertThat(pull(user, body).get("additionalInformation").get("matched").asInt()).isEqualTo(2);

        dovecot.deliver(user, oldMessage(user, 3));
        copy(user, List.of(movedCopies(dovecot.port(), user).get(2)));
        JsonNode again = pull(user, body).get("additionalInformation");

        assertThat(again.get("matched").asInt()).isEqualTo(3);
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);
        assertThat(uidls(server.pop3Port(), user)).isEqualTo(uidls(dovecot.port(), user));
    }

    @Test
    void aMasterUserPullsAsEachUserAndNoPasswordReachesALogLineOrTheTask() throws Exception {
        String user = "master@" + JAMES_DOMAIN;
        server.addUser(user, password(user));
        for (int n = 1; n <= 2; n++) {
            dovecot.deliver(user, oldMessage(user, n));
        }
        copy(user, movedCopies(dovecot.port(), user));
        List<String> before = uidls(server.pop3Port(), user);
        JsonNode dryRun;
        JsonNode task;
        try (LogCapture log = LogCapture.of("ROOT")) {
            dryRun = webAdmin.runTask("/pop3x/uidls/users/" + user + "?task=pull&dryRun=true", "{" + dovecotServer()
                + ", \"master\": {\"user\": \"" + MASTER + "\", \"style\": \"dovecot\"}}", Map.of("X-Pop3x-Master-Password", MASTER_PASSWORD));
            assertThat(uidls(server.pop3Port(), user)).isEqualTo(before);

            task = webAdmin.runTask("/pop3x/uidls/users/" + user + "?task=pull", "{" + dovecotServer() + ", \"master\": {\"user\": \""
                + MASTER + "\", \"style\": \"sasl\"}}", Map.of("X-Pop3x-Master-Password", MASTER_PASSWORD));

            assertThat(log.linesWithMdc()).anyMatch(line -> line.contains("WebAdmin request received"))
                .noneMatch(line -> line.contains(MASTER_PASSWORD));
        }
        assertThat(dryRun.get("additionalInformation").get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.get("additionalInformation").get("matched").asInt()).isEqualTo(2);
        assertThat(task.get("additionalInformation").get("matched").asInt()).isEqualTo(2);
        assertThat(dryRun.toString() + task).doesNotContain(MASTER_PASSWORD);
        assertThat(uidls(server.pop3Port(), user)).isEqualTo(uidls(dovecot.port(), user));
    }

    @Test
    void aBulkPullOver200UsersPairsEachAndReportsTheOneWhosePasswordIsWrong(@TempDir Path directory) throws Exception {
        StringBuilder users = new StringBuilder();
        StringBuilder passwords = new StringBuilder();
        for (int i = 1; i <= BULK_USERS; i++) {
            String user = bulkUser(i);
            server.addUser(user, password(user));
            for (int n = 1; n <= 2; n++) {
                drop(DOVECOT_MAILDIRS, user, oldMessage(user, n));
                drop(POP3X_MAILDIRS, user, oldMessage(user, n).replace("Subject:", "Delivered-To: " + user + "\nSubject:"));
            }
            passwords.append(user).append(' ').append(i == 17 ? "wrong" : password(user)).append('\n');
            users.append(i == 1 ? "" : ", ").append("{\"user\": \"").append(user).append("\"}");
        }
        Path passwordFile = Files.writeString(directory.resolve("old-passwords"), passwords);

        JsonNode task = webAdmin.runTask("/pop3x/uidls?task=pull", "{" + dovecotServer() + ", \"concurrency\": 4, \"passwordFile\": \""
            + passwordFile + "\", \"users\": [" + users + "]}", Duration.ofMinutes(3));
        System.out.println("bulk pull of " + BULK_USERS + " users: started " + task.get("startedDate") + " ended "
            + (task.has("failedDate") ? task.get("failedDate") : task.get("completedDate")));

        JsonNode details = task.get("additionalInformation");
        assertThat(details.get("users").asInt()).as(task.toString()).isEqualTo(BULK_USERS);
        assertThat(details.get("done").asInt()).isEqualTo(BULK_USERS);
        assertThat(details.get("failed").asInt()).isEqualTo(1);
        List<JsonNode> results = StreamSupport.stream(details.get("results").spliterator(), false).collect(Collectors.toList());
        assertThat(results).hasSize(BULK_USERS);
        assertThat(results).filteredOn(result -> result.has("failure")).singleElement().satisfies(result -> {
            assertThat(result.get("user").asText()).isEqualTo(bulkUser(17));
            assertThat(result.get("failure").asText()).startsWith("the old server refused the login of " + bulkUser(17));
        });
        assertThat(results).filteredOn(result -> !result.has("failure"))
            .allSatisfy(result -> assertThat(result.get("matched").asInt()).as(result.toString()).isEqualTo(2));
        assertThat(task.get("status").asText()).isEqualTo("failed");
        assertThat(uidls(server.pop3Port(), bulkUser(200))).isEqualTo(uidls(dovecot.port(), bulkUser(200)));
        assertThat(task.toString()).doesNotContain(password(bulkUser(200)));
    }

    @Test
    void aBulkPullForAWholeDomainLogsInAsEachOfItsUsersAsTheMasterUser() throws Exception {
        for (String user : List.of("one@" + WHOLE_DOMAIN, "two@" + WHOLE_DOMAIN)) {
            server.addUser(user, password(user));
            for (int n = 1; n <= 2; n++) {
                dovecot.deliver(user, oldMessage(user, n));
            }
            copy(user, movedCopies(dovecot.port(), user));
        }

        JsonNode task = webAdmin.runTask("/pop3x/uidls?task=pull", "{" + dovecotServer() + ", \"domain\": \"" + WHOLE_DOMAIN
            + "\", \"master\": {\"user\": \"" + MASTER + "\", \"style\": \"dovecot\"}}", Map.of("X-Pop3x-Master-Password", MASTER_PASSWORD));

        JsonNode details = task.get("additionalInformation");
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("completed");
        assertThat(details.get("users").asInt()).isEqualTo(2);
        assertThat(details.get("failed").asInt()).isZero();
        assertThat(details.get("results").findValuesAsText("user")).containsExactlyInAnyOrder("one@" + WHOLE_DOMAIN, "two@" + WHOLE_DOMAIN);
        assertThat(details.get("results").findValues("matched")).as(details.toString()).extracting(JsonNode::asInt).containsExactly(2, 2);
        assertThat(uidls(server.pop3Port(), "two@" + WHOLE_DOMAIN)).isEqualTo(uidls(dovecot.port(), "two@" + WHOLE_DOMAIN));
    }

    @Test
    void aPasswordInTheBodyIsRefusedSinceJamesLogsRequestBodies() {
        server.addUser("careless@" + JAMES_DOMAIN, password("careless@" + JAMES_DOMAIN));

        WebAdmin.Answer answer = webAdmin.post("/pop3x/uidls/users/careless@" + JAMES_DOMAIN + "?task=pull",
            "{" + dovecotServer() + ", \"password\": \"in-the-body\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("message").asText()).startsWith("Invalid pull: no password in the body, which James's WebAdmin logs");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {JAMES_DOMAIN, MAILDIR_DOMAIN})
    void aMessageCarryingAnXUidlIsListedWithItWhereTheSettingIsOn(String domain) throws Exception {
        String user = "xuidl@" + domain;
        server.addUser(user, password(user));
        copy(user, List.of("X-UIDL: 0a1b2c3d4e5f\r\nSubject: fetched by fetchmail\r\n\r\nkept\r\n", "Subject: without one\r\n\r\nnew\r\n"));

        List<String> listed = uidls(server.pop3Port(), user);

        assertThat(listed).hasSize(2);
        assertThat(listed.get(0)).isEqualTo("1 0a1b2c3d4e5f");
        assertThat(listed.get(1)).startsWith("2 ").doesNotContain("0a1b2c3d4e5f");
    }
}
