package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Dovecot 2.3 with its default {@code pop3_uidl_format} ({@code %08Xu%08Xv}: UID and UIDVALIDITY from its
 * dovecot-uidlist) and James with pop3x ({@code maildir.uidl = %08Xu%08Xv}) serve the same Maildirs, as during a
 * migration: Dovecot fills them (dovecot-lda) and serves them first; then both list every message with the same UIDL,
 * at the same number, with the same size, whichever of them delivered it; and a leave-on-server client that synced
 * against Dovecot downloads nothing again from pop3x. A domain configured with Dovecot 2.4's form of that default
 * ({@code %{uid | hex(8)}%{uidvalidity | hex(8)}}) keeps the same UIDLs. {@code .ci/run} installs Debian's
 * dovecot-pop3d and mpop.
 */
class DovecotUidlMigrationIT {
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final String PASSWORD = "secret";
    private static final String DOVECOT_24_DOMAIN = "maildir24.pop3x.local";
    private static final List<String> USERS = List.of("lda@" + DOMAIN, "both@" + DOMAIN, "mpop@" + DOMAIN, "lda@" + DOVECOT_24_DOMAIN);
    private static final Path ROOT = TempDirectories.create("pop3x-uidl-maildirs");

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.maildirsIn(ROOT)
        .andThen(home -> home.edit("pop3x.properties", properties -> properties + "\nmaildir.uidl[" + DOMAIN + "]=%08Xu%08Xv\n"
            + "maildrop.backend[" + DOVECOT_24_DOMAIN + "]=maildir\n"
            + "maildir.uidl[" + DOVECOT_24_DOMAIN + "]=%{uid | hex(8)}%{uidvalidity | hex(8)}\n")));

    private static RunningJames server;
    private static PrivateDovecot dovecot;

    @BeforeAll
    static void bothServers() throws Exception {
        dovecot = PrivateDovecot.start(TempDirectories.create("pop3x-dovecot-default"), ROOT, JamesProcess.freePorts().pop3(),
            USERS.stream().collect(Collectors.toMap(user -> user, user -> PASSWORD)), Optional.empty());
        server = new RunningJames(james.getGuiceJamesServer());
        for (String user : USERS) {
            server.addUser(user, PASSWORD);
            for (int n = 1; n <= 3; n++) {
                dovecot.deliver(user, "From: sender@example.test\nTo: " + user + "\nSubject: before the move " + n + "\n\nbody " + n + "\n");
            }
            // Dovecot serves the mail first, as the old server did
            assertThat(listing(dovecot.port(), user).uidl()).hasSize(3);
        }
    }

    @AfterAll
    static void stopDovecot() throws Exception {
        dovecot.close();
    }

    @Test
    void mailDovecotDeliveredAndServedHasTheSameUidlsSizesAndNumbersInPop3x() {
        String user = "lda@" + DOMAIN;
        Listing theirs = listing(dovecot.port(), user);
        Listing ours = listing(server.pop3Port(), user);

        assertThat(theirs.uidl()).hasSize(3).allMatch(line -> line.matches("\\d+ [0-9a-f]{16}"));
        assertThat(ours.uidl()).isEqualTo(theirs.uidl());
        assertThat(ours.list()).isEqualTo(theirs.list());
    }

    @Test
    void aMaildirServedWithDovecot24sFormOfTheDefaultKeepsItsUidls() {
        String user = "lda@" + DOVECOT_24_DOMAIN;
        Listing theirs = listing(dovecot.port(), user);
        Listing ours = listing(server.pop3Port(), user);

        assertThat(theirs.uidl()).hasSize(3).allMatch(line -> line.matches("\\d+ [0-9a-f]{16}"));
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void deliveriesByEachServerInTurnAreListedAlikeByBoth() throws Exception {
        String user = "both@" + DOMAIN;
        deliverThroughJames(user, "by james 1");
        assertThat(listing(dovecot.port(), user)).isEqualTo(listing(server.pop3Port(), user));

        dovecot.deliver(user, "From: sender@example.test\nTo: " + user + "\nSubject: by dovecot-lda\n\nhello\n");
        deliverThroughJames(user, "by james 2");
        Listing theirs = listing(dovecot.port(), user);
        Listing ours = listing(server.pop3Port(), user);

        assertThat(ours.uidl()).hasSize(6).isEqualTo(theirs.uidl());
        assertThat(ours.list()).isEqualTo(theirs.list());
        assertThat(ours.uidl()).extracting(line -> Long.parseLong(line.split(" ")[1].substring(0, 8), 16))
            .containsExactly(IntStream.rangeClosed(1, 6).mapToObj(Long::valueOf).toArray(Long[]::new));
    }

    @Test
    void aLeaveOnServerClientThatSyncedAgainstDovecotDownloadsNothingAgainFromPop3x(@TempDir Path home) throws Exception {
        LeaveOnServerMpop client = new LeaveOnServerMpop(home, "mpop@" + DOMAIN, PASSWORD);

        String fromDovecot = client.poll(dovecot.port());
        assertThat(client.delivered()).as(fromDovecot).isEqualTo(3);

        String fromPop3x = client.poll(server.pop3Port());

        assertThat(fromPop3x).contains("--> UIDL").doesNotContain("--> RETR");
        assertThat(client.delivered()).isEqualTo(3);
    }

    private static void deliverThroughJames(String user, String subject) {
        int before = listing(server.pop3Port(), user).uidl().size();
        server.smtp().deliver("sender@example.test", user, Messages.text("sender@example.test", user, subject, "x\n"));
        Eventually.until(Duration.ofSeconds(10), "delivery of " + subject, () -> listing(server.pop3Port(), user).uidl().size() > before);
    }

    private record Listing(List<String> list, List<String> uidl) {
    }

    private static Listing listing(int port, String user) {
        try (Pop3LineClient pop = Pop3LineClient.connect(port)) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            List<String> list = pop.multiline("LIST");
            List<String> uidl = pop.multiline("UIDL");
            pop.command("QUIT");
            return new Listing(list.subList(1, list.size() - 1), uidl.subList(1, uidl.size() - 1));
        }
    }
}
