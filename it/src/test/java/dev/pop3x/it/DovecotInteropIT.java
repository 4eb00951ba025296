package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * James with pop3x and a private Dovecot 2.3 serve the same Maildirs: mail ToMaildir delivers is listed by Dovecot
 * with the same UIDLs and sizes as by James; mail dovecot-lda delivers is served by James; a DELE in one is seen
 * by the other. {@code .ci/run} installs Debian's dovecot-pop3d.
 */
class DovecotInteropIT {
    private static final String USER = "interop@maildir.pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Path ROOT = TempDirectories.create("pop3x-interop-maildirs");

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.maildirsIn(ROOT));

    private static RunningJames server;
    private static PrivateDovecot dovecot;

    @BeforeAll
    static void bothServers() throws Exception {
        dovecot = PrivateDovecot.start(TempDirectories.create("pop3x-dovecot"), ROOT, JamesProcess.freePorts().pop3(), USER, PASSWORD);
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        // the user's Maildir exists already, made by Dovecot, as after a migration
        try (Pop3LineClient pop = Pop3LineClient.connect(dovecot.port())) {
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Logged in.");
            pop.command("QUIT");
        }
    }

    @AfterAll
    static void stopDovecot() throws Exception {
        dovecot.close();
    }

    @Test
    void mailDeliveredByJamesIsListedByDovecotWithTheSameUidlsAndSizes() throws Exception {
        long before = listing(server.pop3Port()).uidl().size();
        deliverThroughJames("from james 1", "one\n");
        deliverThroughJames("from james 2", "two\n.dotted\n");

        Listing ours = listing(server.pop3Port());
        Listing theirs = listing(dovecot.port());
        assertThat(ours.uidl()).hasSize((int) before + 2).isEqualTo(theirs.uidl());
        assertThat(ours.list()).isEqualTo(theirs.list());
        assertThat(ours.stat()).isEqualTo(theirs.stat().replaceAll(" messages?:?$", ""));
    }

    @Test
    void mailDeliveredByDovecotLdaIsServedByJames() throws Exception {
        dovecot.deliver(USER, "From: sender@example.test\nTo: " + USER + "\nSubject: from dovecot-lda\n\nhello\n.line with a dot\n");
        Listing theirs = listing(dovecot.port());
        Listing ours = listing(server.pop3Port());
        assertThat(ours.uidl()).isEqualTo(theirs.uidl());
        assertThat(ours.list()).isEqualTo(theirs.list());
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            int last = ours.uidl().size();
            assertThat(pop.multiline("RETR " + last)).contains("Subject: from dovecot-lda", "..line with a dot");
        }
    }

    @Test
    void aDeleInOneIsSeenByTheOther() throws Exception {
        deliverThroughJames("to be deleted by dovecot", "x\n");
        deliverThroughJames("to be deleted by james", "y\n");
        List<String> uidls = listing(server.pop3Port()).uidl();
        String byDovecot = uidls.get(uidls.size() - 2).split(" ")[1];
        String byJames = uidls.get(uidls.size() - 1).split(" ")[1];

        try (Pop3LineClient pop = Pop3LineClient.connect(dovecot.port())) {
            pop.login(USER, PASSWORD);
            assertThat(pop.command("DELE " + (uidls.size() - 1))).startsWith("+OK");
            pop.command("QUIT");
        }
        assertThat(listing(server.pop3Port()).uidl()).noneMatch(line -> line.endsWith(" " + byDovecot));

        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            List<String> now = pop.multiline("UIDL");
            String number = now.stream().filter(line -> line.endsWith(" " + byJames)).findFirst().orElseThrow().split(" ")[0];
            assertThat(pop.command("DELE " + number)).startsWith("+OK");
            pop.command("QUIT");
        }
        assertThat(listing(dovecot.port()).uidl()).noneMatch(line -> line.endsWith(" " + byJames))
            .isEqualTo(listing(server.pop3Port()).uidl());
    }

    private static void deliverThroughJames(String subject, String body) throws Exception {
        int before = listing(server.pop3Port()).uidl().size();
        server.smtp().deliver("sender@example.test", USER, Messages.text("sender@example.test", USER, subject, body));
        Eventually.until(Duration.ofSeconds(10), "delivery of " + subject + " through James", () -> listing(server.pop3Port()).uidl().size() > before);
    }

    private record Listing(String stat, List<String> list, List<String> uidl) {
    }

    private static Listing listing(int port) {
        try (Pop3LineClient pop = Pop3LineClient.connect(port)) {
            pop.login(USER, PASSWORD);
            String stat = pop.command("STAT").substring(4);
            List<String> list = pop.multiline("LIST");
            List<String> uidl = pop.multiline("UIDL");
            pop.command("QUIT");
            return new Listing(stat, list.subList(1, list.size() - 1), uidl.subList(1, uidl.size() - 1));
        }
    }
}
