package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.pop3x.maildrop.StoreCalls;

/**
 * What a polling session costs the storage, counted by pop3x's store-call metrics ({@code pop3x-store-*}): a session
 * pays only for what it uses. On Cassandra or PostgreSQL each call is a round trip.
 */
class StoreCallsIT {
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    private static Map<StoreCalls.Kind, Long> counters() {
        MetricsProbe metrics = server.server().getProbe(MetricsProbe.class);
        Map<StoreCalls.Kind, Long> counts = new EnumMap<>(StoreCalls.Kind.class);
        for (StoreCalls.Kind kind : StoreCalls.Kind.values()) {
            counts.put(kind, metrics.count(kind.metricName()));
        }
        return counts;
    }

    /** The calls made since {@code before}, by kind, the kinds without any left out. */
    private static Map<StoreCalls.Kind, Long> since(Map<StoreCalls.Kind, Long> before) {
        Map<StoreCalls.Kind, Long> calls = new EnumMap<>(StoreCalls.Kind.class);
        counters().forEach((kind, count) -> {
            if (count > before.get(kind)) {
                calls.put(kind, count - before.get(kind));
            }
        });
        return calls;
    }

    /**
     * One message delivered over SMTP to a Maildir user, once its file is in the maildir: no POP3 session waits for it,
     * as one that logs in and does not retrieve it would change what the next login reads ahead.
     */
    private static void deliverOneMessageToMaildir(String user, String subject) {
        Path maildir = server.workingDirectory().resolve("var/maildir/maildir.pop3x.local")
            .resolve(user.substring(0, user.indexOf('@'))).resolve("Maildir");
        long before = messageFiles(maildir);
        server.smtp().deliver("a@example.test", user, Messages.text("a@example.test", user, subject, "hello\r\n"));
        Eventually.until(Duration.ofSeconds(30), "the delivery to " + user, () -> messageFiles(maildir) > before);
    }

    private static long messageFiles(Path maildir) {
        try {
            return DirectoryEntries.count(maildir.resolve("new")) + DirectoryEntries.count(maildir.resolve("cur"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pollOnce(String user) {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("UIDL");
            pop.command("QUIT");
        }
    }

    @Test
    void aLoginToASmallInboxReadsTheInboxItsListingAndPop3xAnnotationsInOneCallAndNothingElse() {
        String user = "small-inbox@pop3x.local";
        server.addUser(user, PASSWORD);
        for (int i = 0; i < 3; i++) {
            server.appendToInbox(user, Messages.text("a@example.test", user, "message " + i, "hello\r\n"), Instant.now());
        }
        pollOnce(user);
        Map<StoreCalls.Kind, Long> before = counters();

        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            Map<StoreCalls.Kind, Long> login = since(before);

            assertThat(login.remove(StoreCalls.Kind.MAILBOX_READ)).as("the INBOX, then its listing").isEqualTo(2);
            assertThat(login.remove(StoreCalls.Kind.ANNOTATION_READ)).as("every pop3x annotation (notes, imports, sizes), in one call")
                .isEqualTo(1);
            assertThat(login).as("no quota, blob or write for a user with no quota rule, import or note").isEmpty();
            pop.command("QUIT");
        }
    }

    @Test
    void aQuitWithNothingRetrievedOrDeletedCostsNoStoreCallOnTheJamesBackend() {
        String user = "quiet-quit@pop3x.local";
        server.addUser(user, PASSWORD);
        server.appendToInbox(user, Messages.text("a@example.test", user, "old news", "hello\r\n"), Instant.now());
        // the session that lists a message first measures its octets, and saves them as it ends
        pollOnce(user);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("UIDL");
            Map<StoreCalls.Kind, Long> before = counters();

            assertThat(pop.command("QUIT")).startsWith("+OK");

            assertThat(since(before)).as("the deletion policy has no rule that could fire: the quota is not read").isEmpty();
        }
    }

    @Test
    void aQuitWithNothingRetrievedOrDeletedCostsNoStoreCallOnAMaildir() {
        String user = "quiet-quit@maildir.pop3x.local";
        server.addUser(user, PASSWORD);
        deliverOneMessageToMaildir(user, "old news");
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("UIDL");
            Map<StoreCalls.Kind, Long> before = counters();

            assertThat(pop.command("QUIT")).startsWith("+OK");

            assertThat(since(before)).isEmpty();
        }
    }

    @Test
    void aRetrievalCostsOneFlagUpdateAtQuitForTheWholeSession() {
        String user = "retrieving@pop3x.local";
        server.addUser(user, PASSWORD);
        for (int i = 0; i < 5; i++) {
            server.appendToInbox(user, Messages.text("a@example.test", user, "message " + i, "hello\r\n"), Instant.now());
        }
        pollOnce(user);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            for (int number = 1; number <= 5; number++) {
                pop.multiline("RETR " + number);
            }
            Map<StoreCalls.Kind, Long> before = counters();

            assertThat(pop.command("QUIT")).startsWith("+OK");

            assertThat(since(before)).as("\\Seen and the retrieval keyword of messages 1 to 5, in one range")
                .isEqualTo(Map.of(StoreCalls.Kind.MAILBOX_WRITE, 1L));
        }
    }

    @Test
    void aRetrOfAMessageRetrievedBeforeAndStillSeenCostsNoStoreCallAtQuit() {
        String user = "downloading-again@pop3x.local";
        server.addUser(user, PASSWORD);
        server.appendToInbox(user, Messages.text("a@example.test", user, "kept", "hello\r\n"), Instant.now());
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("RETR 1");
            pop.command("QUIT");
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.multiline("RETR 1")).contains("Subject: kept");
            Map<StoreCalls.Kind, Long> before = counters();

            assertThat(pop.command("QUIT")).startsWith("+OK");

            assertThat(since(before)).as("retrieved and \\Seen already: nothing to store").isEmpty();
        }
    }

    /** W2's clients: RETR then DELE. The deletion audit names each message by the Message-ID RETR sent. */
    @Test
    void aMessageRetrievedThenDeletedIsAuditedWithoutBeingReadAgainAtQuitOnTheJamesBackend() {
        String user = "retr-dele@pop3x.local";
        server.addUser(user, PASSWORD);
        server.appendToInbox(user, Messages.text("a@example.test", user, "to delete", "hello\r\n"), Instant.now());
        assertRetrievedThenDeletedIsAuditedWithoutARead(user, StoreCalls.Kind.MAILBOX_READ);
    }

    @Test
    void aMessageRetrievedThenDeletedIsAuditedWithoutBeingReadAgainAtQuitOnAMaildir() {
        String user = "retr-dele@maildir.pop3x.local";
        server.addUser(user, PASSWORD);
        deliverOneMessageToMaildir(user, "to delete");
        assertRetrievedThenDeletedIsAuditedWithoutARead(user, StoreCalls.Kind.FILE_READ);
    }

    private static void assertRetrievedThenDeletedIsAuditedWithoutARead(String user, StoreCalls.Kind read) {
        try (LogCapture audit = LogCapture.of("dev.pop3x.audit.Deletions"); Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            String messageId = pop.multiline("RETR 1").stream().filter(line -> line.startsWith("Message-ID: ")).findFirst().orElseThrow()
                .substring("Message-ID: ".length());
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            Map<StoreCalls.Kind, Long> before = counters();

            assertThat(pop.command("QUIT")).startsWith("+OK");

            assertThat(since(before)).as("the calls of the UPDATE state").doesNotContainKey(read);
            assertThat(audit.lines()).singleElement().asString().contains(" message-id=" + messageId + " ");
        }
    }

    /** A client that leaves mail on the server: the mail it has not retrieved yet comes after its UIDL. */
    private static void retrieveTheNewMessageAfterUidl(String user, int number, String subject) {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("UIDL");
            Map<StoreCalls.Kind, Long> before = counters();

            assertThat(pop.multiline("RETR " + number)).contains("Subject: " + subject);

            assertThat(since(before)).as("the login read it ahead").isEmpty();
            pop.command("QUIT");
        }
    }

    @Test
    void aPollingClientsRetrOfMailNoClientRetrievedYetMakesNoStoreCallOnTheJamesBackend() {
        String user = "polling@pop3x.local";
        server.addUser(user, PASSWORD);
        server.appendToInbox(user, Messages.text("a@example.test", user, "old news", "hello\r\n"), Instant.now());
        retrieveTheNewMessageAfterUidl(user, 1, "old news");
        server.appendToInbox(user, Messages.text("a@example.test", user, "fresh news", "hello\r\n"), Instant.now());

        retrieveTheNewMessageAfterUidl(user, 2, "fresh news");
    }

    @Test
    void aPollingClientsRetrOfMailNoClientRetrievedYetMakesNoStoreCallOnAMaildir() {
        String user = "polling@maildir.pop3x.local";
        server.addUser(user, PASSWORD);
        deliverOneMessageToMaildir(user, "old news");
        retrieveTheNewMessageAfterUidl(user, 1, "old news");
        deliverOneMessageToMaildir(user, "fresh news");

        retrieveTheNewMessageAfterUidl(user, 2, "fresh news");
    }

    @Test
    void aClientThatOnlyChecksForMailHasNothingReadAheadAtItsNextLogin() {
        String user = "checking@maildir.pop3x.local";
        server.addUser(user, PASSWORD);
        deliverOneMessageToMaildir(user, "unread");
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            pop.command("QUIT");
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            Map<StoreCalls.Kind, Long> before = counters();

            assertThat(pop.multiline("RETR 1")).contains("Subject: unread");

            assertThat(since(before)).as("the message read when asked for").isEqualTo(Map.of(StoreCalls.Kind.FILE_READ, 1L));
            pop.command("QUIT");
        }
    }

    @Test
    void theOctetsALoginMeasuredAreSavedAfterTheQuitReplyNotBeforeTheLoginReply() {
        String user = "measured@pop3x.local";
        server.addUser(user, PASSWORD);
        server.appendToInbox(user, Messages.text("a@example.test", user, "new", "hello\r\n"), Instant.now());
        try (Pop3LineClient pop = server.pop3()) {
            Map<StoreCalls.Kind, Long> beforeLogin = counters();
            pop.login(user, PASSWORD);
            assertThat(since(beforeLogin)).as("the INBOX, its count, its listing and the new message, read to measure it")
                .containsEntry(StoreCalls.Kind.MAILBOX_READ, 4L)
                .doesNotContainKey(StoreCalls.Kind.ANNOTATION_WRITE);
            Map<StoreCalls.Kind, Long> beforeQuit = counters();

            assertThat(pop.command("QUIT")).startsWith("+OK");

            assertThat(since(beforeQuit)).isEqualTo(Map.of(StoreCalls.Kind.ANNOTATION_WRITE, 1L));
        }
        Map<StoreCalls.Kind, Long> beforeNextLogin = counters();
        pollOnce(user);
        assertThat(since(beforeNextLogin)).as("measured once").doesNotContainKey(StoreCalls.Kind.ANNOTATION_WRITE)
            .containsEntry(StoreCalls.Kind.MAILBOX_READ, 2L);
    }
}
