package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Maildir++ quota ({@code maildirsize}) is honoured at delivery: a mail that would go over it is not lost but
 * goes where James sends what LocalDelivery cannot deliver (the error processor: a bounce that tells the sender
 * why, and the error repository); once there is room, delivery succeeds.
 */
class MaildirQuotaIT {
    private static final String PASSWORD = "secret";
    private static final String SENDER = "sender@pop3x.local";
    private static final String RECIPIENT = "full@maildir.pop3x.local";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;
    private static Path maildir;

    @BeforeAll
    static void users() throws Exception {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(SENDER, PASSWORD).addUser(RECIPIENT, PASSWORD);
        maildir = server.workingDirectory().resolve("var/maildir/maildir.pop3x.local/full/Maildir");
        Files.createDirectories(maildir);
    }

    @Test
    void aMailOverTheQuotaBouncesToTheSenderAndIsKeptThenDeliversOnceThereIsRoom() throws Exception {
        Files.writeString(maildir.resolve("maildirsize"), "2000S,10C\n");
        String big = "x".repeat(70) + "\n";
        String message = Messages.text(SENDER, RECIPIENT, "too big for the quota", big.repeat(40));

        server.smtp().deliver(SENDER, RECIPIENT, message);

        server.awaitMessageCount(SENDER, 1);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(SENDER, PASSWORD);
            List<String> bounce = pop.multiline("RETR 1");
            assertThat(String.join("\n", bounce)).contains("552 5.2.2 Mailbox full: the recipient's quota is exceeded")
                .contains(RECIPIENT);
            pop.command("DELE 1");
            pop.command("QUIT");
        }
        assertThat(server.server().getProbe(MailRepositoryProbeImpl.class)
            .getRepositoryMailCount(MailRepositoryUrl.from("memory://var/mail/error/"))).isEqualTo(1);
        assertThat(maildir.resolve("new")).isEmptyDirectory();

        Files.writeString(maildir.resolve("maildirsize"), "1000000S,10C\n");
        server.smtp().deliver(SENDER, RECIPIENT, message);
        Eventually.until(Duration.ofSeconds(30), "delivery to " + RECIPIENT, () -> !isEmpty(maildir.resolve("new")));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(RECIPIENT, PASSWORD);
            assertThat(pop.multiline("RETR 1")).contains("Subject: too big for the quota");
        }
        assertThat(Files.readAllLines(maildir.resolve("maildirsize"))).hasSize(2).last().asString().endsWith(" 1");
    }

    private static boolean isEmpty(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }
}
