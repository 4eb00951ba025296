package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The offline UIDL import ({@code POST /pop3x/uidls/users/<user>?task=import}): mail moved from another server by
 * a copy (imapsync into James's mailboxes, files into a Maildir) keeps the unique-ids that server gave it, so that
 * leave-on-server clients download nothing again. The old server here is a private Dovecot 2.3 with its default
 * UIDLs ({@code %08Xu%08Xv}, on its own Maildirs); the map is what an operator reads from it over POP3 (UIDL, LIST,
 * the Message-ID of TOP n 0, or the SHA-256 of RETR for a message without one). On both backends.
 */
class UidlImportIT {
    private static final String PASSWORD = "secret";
    private static final String JAMES_DOMAIN = "pop3x.local";
    private static final String MAILDIR_DOMAIN = "maildir.pop3x.local";
    private static final List<String> OLD_USERS = List.of("moved@" + JAMES_DOMAIN, "moved@" + MAILDIR_DOMAIN,
        "dry@" + JAMES_DOMAIN, "dry@" + MAILDIR_DOMAIN);
    private static final Path POP3X_MAILDIRS = TempDirectories.create("pop3x-import-maildirs");
    private static final AtomicInteger USERS = new AtomicInteger();

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.maildirsIn(POP3X_MAILDIRS));

    private static RunningJames server;
    private static WebAdmin webAdmin;
    private static PrivateDovecot oldServer;

    @BeforeAll
    static void servers() throws Exception {
        server = new RunningJames(james.getGuiceJamesServer());
        webAdmin = new WebAdmin(server.webAdminPort());
        oldServer = PrivateDovecot.start(TempDirectories.create("pop3x-import-dovecot"), TempDirectories.create("pop3x-import-old-maildirs"),
            JamesProcess.freePorts().pop3(), OLD_USERS.stream().collect(Collectors.toMap(user -> user, user -> PASSWORD)), Optional.empty());
        for (String user : OLD_USERS) {
            oldServer.deliver(user, "From: a@example.test\nTo: " + user + "\nMessage-ID: <first." + user + ">\nSubject: one\n\nbody 1\n");
            oldServer.deliver(user, "From: b@example.test\nTo: " + user + "\nMessage-ID:\n <second." + user + ">\nSubject: two\n\nbody 2\n");
            oldServer.deliver(user, "From: c@example.test\nTo: " + user + "\nSubject: three, without a Message-ID\n\nbody 3\n");
        }
    }

    @AfterAll
    static void stopOldServer() throws Exception {
        oldServer.close();
    }

    /** One message as the old server served it: its number, unique-id, size, Message-ID and octets. */
    private record OldMessage(int number, String uidl, long octets, Optional<String> messageId, byte[] content) {
        String mapEntry() {
            return messageId.map(id -> "{\"uidl\": \"" + uidl + "\", \"messageId\": \"" + id + "\", \"octets\": " + octets + "}")
                .orElseGet(() -> "{\"uidl\": \"" + uidl + "\", \"sha256\": \"" + sha256(content) + "\"}");
        }
    }

    /** What the operator reads from the old server for the map, and the copies the move makes. */
    private static List<OldMessage> oldMaildrop(String user) {
        List<OldMessage> messages = new ArrayList<>();
        try (Pop3LineClient pop = Pop3LineClient.connect(oldServer.port())) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            List<String> uidl = body(pop.multiline("UIDL"));
            List<String> list = body(pop.multiline("LIST"));
            for (int i = 0; i < uidl.size(); i++) {
                int number = i + 1;
                Optional<String> messageId = unfoldedHeader(body(pop.multiline("TOP " + number + " 0")), "Message-ID");
                messages.add(new OldMessage(number, uidl.get(i).split(" ")[1], Long.parseLong(list.get(i).split(" ")[1]), messageId,
                    pop.retrieveOctets(number)));
            }
            pop.command("QUIT");
        }
        return messages;
    }

    private static Optional<String> unfoldedHeader(List<String> headerLines, String name) {
        String unfolded = String.join("\n", headerLines).replaceAll("\n[ \t]+", " ");
        return unfolded.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
            .map(line -> line.substring(name.length() + 1).trim()).findFirst();
    }

    /**
     * The move: each message copied byte for byte, in order, as imapsync appends into James's mailboxes, or as a file
     * in new/ of the pop3x Maildir (LF line ends, as Maildirs keep them).
     */
    private static void move(String user, List<OldMessage> messages) throws IOException {
        if (user.endsWith("@" + JAMES_DOMAIN)) {
            for (OldMessage message : messages) {
                server.appendToInbox(user, new String(message.content(), StandardCharsets.ISO_8859_1), Instant.ofEpochSecond(1_700_000_000L + message.number()));
            }
            return;
        }
        String[] address = user.split("@");
        Path maildir = POP3X_MAILDIRS.resolve(address[1]).resolve(address[0]).resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        for (OldMessage message : messages) {
            String lf = new String(message.content(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            Files.writeString(maildir.resolve("new").resolve((1_700_000_000L + message.number()) + ".M" + message.number() + "P1.migrated"),
                lf, StandardCharsets.ISO_8859_1);
        }
    }

    private static String map(List<OldMessage> messages) {
        return "{\"messages\": [" + messages.stream().map(OldMessage::mapEntry).collect(Collectors.joining(", ")) + "]}";
    }

    private static List<String> body(List<String> multiline) {
        return multiline.subList(1, multiline.size() - 1);
    }

    private static List<String> uidls(int port, String user) {
        try (Pop3LineClient pop = Pop3LineClient.connect(port)) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            List<String> uidl = body(pop.multiline("UIDL"));
            pop.command("QUIT");
            return uidl;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newUser(String domain) {
        String user = "import" + USERS.incrementAndGet() + "@" + domain;
        server.addUser(user, PASSWORD);
        return user;
    }

    /** Delivers over SMTP and waits until POP3 lists the message, on either backend. */
    private static void deliver(String user, String message) {
        int before = uidls(server.pop3Port(), user).size();
        server.smtp().deliver("sender@example.test", user, message);
        Eventually.until(Duration.ofSeconds(30), "a delivery to " + user, () -> uidls(server.pop3Port(), user).size() > before);
    }

    private static String importPath(String user) {
        return "/pop3x/uidls/users/" + user + "?task=import";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {JAMES_DOMAIN, MAILDIR_DOMAIN})
    void aLeaveOnServerClientThatSyncedAgainstTheOldServerDownloadsNothingAfterTheMoveAndTheImport(String domain, @TempDir Path home)
        throws Exception {
        String user = "moved@" + domain;
        server.addUser(user, PASSWORD);
        LeaveOnServerMpop client = new LeaveOnServerMpop(home, user, PASSWORD);
        String fromOldServer = client.poll(oldServer.port());
        assertThat(client.delivered()).as(fromOldServer).isEqualTo(3);
        List<OldMessage> old = oldMaildrop(user);
        move(user, old);

        JsonNode task = webAdmin.runTask(importPath(user), map(old));

        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("additionalInformation").get("matched").asInt()).isEqualTo(3);
        assertThat(uidls(server.pop3Port(), user)).isEqualTo(uidls(oldServer.port(), user));
        assertThat(client.poll(server.pop3Port())).contains("--> UIDL").doesNotContain("--> RETR");
        assertThat(client.delivered()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {JAMES_DOMAIN, MAILDIR_DOMAIN})
    void aDryRunReportsWhatWouldMatchAndChangesNoUniqueId(String domain) throws Exception {
        String user = "dry@" + domain;
        server.addUser(user, PASSWORD);
        List<OldMessage> old = oldMaildrop(user);
        move(user, old);
        List<String> before = uidls(server.pop3Port(), user);
        String withAStranger = map(old).replace("]}", ", {\"uidl\": \"gone-from-the-move\", \"messageId\": \"<gone@x>\", \"octets\": 10}]}");

        JsonNode details = webAdmin.runTask(importPath(user) + "&dryRun=true", withAStranger).get("additionalInformation");

        assertThat(details.get("dryRun").asBoolean()).isTrue();
        assertThat(details.get("entries").asInt()).isEqualTo(4);
        assertThat(details.get("matched").asInt()).isEqualTo(3);
        assertThat(details.get("unmatched").asInt()).isEqualTo(1);
        assertThat(details.get("unmatchedUidls").toString()).isEqualTo("[\"gone-from-the-move\"]");
        assertThat(uidls(server.pop3Port(), user)).isEqualTo(before).doesNotContainAnyElementsOf(uidls(oldServer.port(), user));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {JAMES_DOMAIN, MAILDIR_DOMAIN})
    void importedUniqueIdsStayWithTheirMessagesThroughNewMailAndDeletions(String domain) {
        String user = newUser(domain);
        for (int i = 1; i <= 3; i++) {
            deliver(user, Messages.text("sender@example.test", user, "kept " + i, "body " + i + "\n").replace("Subject:",
                "Message-ID: <kept" + i + "." + user + ">\r\nSubject:"));
        }
        List<String> sizes;
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            sizes = body(pop.multiline("LIST")).stream().map(line -> line.split(" ")[1]).collect(Collectors.toList());
            pop.command("QUIT");
        }
        String map = "{\"messages\": [" + Stream.of(1, 2, 3).map(i -> "{\"uidl\": \"OLD" + i + "\", \"messageId\": \"<kept" + i + "." + user
            + ">\", \"octets\": " + sizes.get(i - 1) + "}").collect(Collectors.joining(", ")) + "]}";
        assertThat(webAdmin.runTask(importPath(user), map).get("additionalInformation").get("matched").asInt()).isEqualTo(3);

        deliver(user, Messages.text("sender@example.test", user, "after the import", "new\n"));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            pop.command("QUIT");
        }

        List<String> after = uidls(server.pop3Port(), user);
        assertThat(after).hasSize(3);
        assertThat(after.subList(0, 2)).containsExactly("1 OLD1", "2 OLD3");
        assertThat(after.get(2)).startsWith("3 ").doesNotContain("OLD");
    }

    @Test
    void mailArrivingAfterTheImportUnderAnImportedUniqueIdIsListedApartAndRetrievedAsItself() {
        // the previous server numbered its mail as James does: the first message was its "2", and James's UID 2 comes later
        String user = newUser(JAMES_DOMAIN);
        deliver(user, Messages.text("sender@example.test", user, "imported", "old\n").replace("Subject:", "Message-ID: <imported@x>\r\nSubject:"));
        String octets;
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            octets = pop.command("LIST 1").split(" ")[2];
            pop.command("QUIT");
        }
        webAdmin.runTask(importPath(user), "{\"messages\": [{\"uidl\": \"2\", \"messageId\": \"<imported@x>\", \"octets\": " + octets + "}]}");

        deliver(user, Messages.text("sender@example.test", user, "after the import", "new\n"));

        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(body(pop.multiline("UIDL"))).containsExactly("1 2", "2 pop3x-2");
            assertThat(pop.multiline("RETR 1")).contains("Subject: imported");
            assertThat(pop.multiline("RETR 2")).contains("Subject: after the import");
            pop.command("QUIT");
        }
    }

    @Test
    void anImportWhileTheUserIsInASessionChangesNothingAndSaysWhy() {
        String user = newUser(JAMES_DOMAIN);
        server.deliver(user, Messages.text("sender@example.test", user, "busy", "x\n").replace("Subject:", "Message-ID: <busy@x>\r\nSubject:"));
        String octets;
        List<String> before;
        JsonNode task;
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            octets = pop.command("LIST 1").split(" ")[2];
            before = body(pop.multiline("UIDL"));

            task = webAdmin.runTask(importPath(user), "{\"messages\": [{\"uidl\": \"OLD\", \"messageId\": \"<busy@x>\", \"octets\": " + octets + "}]}");

            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        assertThat(task.get("status").asText()).isEqualTo("failed");
        assertThat(task.get("additionalInformation").get("failure").asText())
            .startsWith("The maildrop of " + user + " is in use").endsWith("import again once its session ends");
        assertThat(uidls(server.pop3Port(), user)).isEqualTo(before);
    }

    @Test
    void aMalformedMapIsRefusedAtOnceNamingTheEntry() {
        String user = newUser(JAMES_DOMAIN);

        WebAdmin.Answer answer = webAdmin.post(importPath(user),
            "{\"messages\": [{\"uidl\": \"fine\", \"messageId\": \"<a@b>\", \"octets\": 1}, {\"uidl\": \"no good\", \"messageId\": \"<c@d>\", \"octets\": 2}]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("message").asText())
            .isEqualTo("Invalid UIDL map: messages[1]: not an RFC 1939 unique-id (1 to 70 characters from 0x21 to 0x7E): 'no good'");
    }

    @Test
    void anUnknownUserIsNotFound() {
        WebAdmin.Answer answer = webAdmin.post(importPath("nobody@" + JAMES_DOMAIN), "{\"messages\": []}");

        assertThat(answer.status()).isEqualTo(404);
    }

    /**
     * Many users' maps in one file on the James node, read one user at a time by one task: each user's result is in
     * the task. {@code -Dpop3x.bulkImportUsers=10000} runs it for 10,000 users and prints the time and the live heap.
     */
    @Test
    void aBulkImportOfManyUsersMapsReportsEachUsersResult(@TempDir Path directory) throws Exception {
        int count = Integer.getInteger("pop3x.bulkImportUsers", 300);
        Path maps = directory.resolve("maps.json");
        try (var out = Files.newBufferedWriter(maps)) {
            out.write("{\"users\": [");
            for (int i = 1; i <= count; i++) {
                String user = "bulk" + i + "@" + MAILDIR_DOMAIN;
                server.addUser(user, PASSWORD);
                String message = "From: a@example.test\nTo: " + user + "\nMessage-ID: <m" + i + "@x>\nSubject: bulk\n\nbody\n";
                Path maildir = POP3X_MAILDIRS.resolve(MAILDIR_DOMAIN).resolve("bulk" + i).resolve("Maildir");
                for (String sub : List.of("tmp", "new", "cur")) {
                    Files.createDirectories(maildir.resolve(sub));
                }
                Files.writeString(maildir.resolve("new").resolve("1700000000.M" + i + "P1.bulk"), message);
                long octets = message.replace("\n", "\r\n").length();
                out.write((i == 1 ? "" : ",") + "\n{\"user\": \"" + user + "\", \"messages\": [{\"uidl\": \"OLD-" + i
                    + "\", \"messageId\": \"<m" + i + "@x>\", \"octets\": " + octets + "}]}");
            }
            out.write(",\n{\"user\": \"nobody-here@" + MAILDIR_DOMAIN + "\", \"messages\": []}]}");
        }
        long heapBefore = new HeapMeter(ProcessHandle.current().pid()).liveKilobytes();

        JsonNode task = webAdmin.runTask("/pop3x/uidls?task=import", "{\"file\": \"" + maps + "\"}", Duration.ofMinutes(10));

        long heapAfter = new HeapMeter(ProcessHandle.current().pid()).liveKilobytes();
        System.out.println("bulk import of " + count + " users (" + Files.size(maps) / 1024 + " KB of maps): started "
            + task.get("startedDate") + " ended " + (task.has("failedDate") ? task.get("failedDate") : task.get("completedDate"))
            + "; live heap " + heapBefore + " KB before, "
            + heapAfter + " KB after (the task's results kept)");
        JsonNode details = task.get("additionalInformation");
        assertThat(details.get("users").asInt()).as(task.toString().substring(0, 300)).isEqualTo(count + 1);
        assertThat(details.get("done").asInt()).isEqualTo(count + 1);
        assertThat(details.get("failed").asInt()).isEqualTo(1);
        assertThat(details.get("results").get(count).toString()).contains("\"failure\":\"No user nobody-here@" + MAILDIR_DOMAIN + "\"");
        assertThat(details.get("results").get(0).get("matched").asInt()).isEqualTo(1);
        assertThat(details.get("results").findValues("matched").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(count);
        assertThat(uidls(server.pop3Port(), "bulk" + count + "@" + MAILDIR_DOMAIN)).containsExactly("1 OLD-" + count);
        assertThat(maps).exists();
    }

    @Test
    void aFewUsersMapsMayComeInTheBody() {
        String user = newUser(JAMES_DOMAIN);
        deliver(user, Messages.text("sender@example.test", user, "inline", "x\n").replace("Subject:", "Message-ID: <inline@x>\r\nSubject:"));
        String octets;
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            octets = pop.command("LIST 1").split(" ")[2];
            pop.command("QUIT");
        }

        JsonNode details = webAdmin.runTask("/pop3x/uidls?task=import", "{\"users\": [{\"user\": \"" + user
            + "\", \"messages\": [{\"uidl\": \"INLINE-1\", \"messageId\": \"<inline@x>\", \"octets\": " + octets + "}]}]}")
            .get("additionalInformation");

        assertThat(details.get("results").get(0).get("matched").asInt()).isEqualTo(1);
        assertThat(uidls(server.pop3Port(), user)).containsExactly("1 INLINE-1");
    }

    @Test
    void aBulkImportWithAMalformedMapIsRefusedAtOnceNamingTheUser() {
        WebAdmin.Answer answer = webAdmin.post("/pop3x/uidls?task=import",
            "{\"users\": [{\"user\": \"a@" + JAMES_DOMAIN + "\", \"messages\": []}, {\"user\": \"b@" + JAMES_DOMAIN
                + "\", \"messages\": [{\"uidl\": \"no good\", \"messageId\": \"<c@d>\", \"octets\": 2}]}]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("message").asText())
            .isEqualTo("Invalid UIDL maps: users[1]: messages[0]: not an RFC 1939 unique-id (1 to 70 characters from 0x21 to 0x7E): 'no good'");
    }
}
