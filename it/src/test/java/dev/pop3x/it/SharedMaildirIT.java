package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two James servers serving one Maildir tree, as two nodes on shared storage do: sessions on both at once, with
 * deliveries meanwhile, lose nothing. Every message is either still there or was deleted by a DELE+QUIT, and
 * what is left is intact. (Without {@code lock.maildir-lease} the lock is per node, so both sessions get in; with it, see
 * {@link MaildirLeaseIT}.)
 */
class SharedMaildirIT {
    private static final String USER = "shared@maildir.pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Path ROOT = temporaryRoot();

    @RegisterExtension
    static JamesServerExtension first = JamesServers.pop3xPerClass(JamesServers.maildirsIn(ROOT));

    @RegisterExtension
    static JamesServerExtension second = JamesServers.pop3xPerClass(JamesServers.maildirsIn(ROOT).andThen(JamesServers.secondServer()));

    private static RunningJames one;
    private static RunningJames two;

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("pop3x-shared-maildirs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void sameUserOnBothServers() {
        one = new RunningJames(first.getGuiceJamesServer()).addUser(USER, PASSWORD);
        two = new RunningJames(second.getGuiceJamesServer()).addUser(USER, PASSWORD);
    }

    @Test
    void sessionsOnTwoServersWithDeliveriesMeanwhileLoseNothing() throws Exception {
        for (int i = 1; i <= 5; i++) {
            deliver(i % 2 == 0 ? two : one, "message " + i);
        }
        try (Pop3LineClient a = one.pop3(); Pop3LineClient b = two.pop3()) {
            assertThat(a.login(USER, PASSWORD)).startsWith("+OK");
            assertThat(b.login(USER, PASSWORD)).startsWith("+OK");
            assertThat(a.command("STAT")).isEqualTo(b.command("STAT"));

            a.command("DELE 1");
            a.command("DELE 2");
            assertThat(b.multiline("RETR 1")).contains("Subject: message 1");
            assertThat(a.command("QUIT")).startsWith("+OK");

            deliver(two, "message 6");
            // TOP reads the file when asked; RETR may have read message 2 ahead already, with message 1, and then sends
            // it as it would have a moment earlier
            assertThat(b.command("TOP 2 0")).isEqualTo("-ERR [SYS/TEMP] Message (2) cannot be read now; try again later.");
            assertThat(b.multiline("RETR 3")).contains("Subject: message 3");
            b.command("DELE 3");
            assertThat(b.command("QUIT")).startsWith("+OK");
        }
        try (Pop3LineClient c = one.pop3()) {
            c.login(USER, PASSWORD);
            List<String> subjects = new ArrayList<>();
            int count = Integer.parseInt(c.command("STAT").split(" ")[1]);
            for (int i = 1; i <= count; i++) {
                subjects.add(c.multiline("TOP " + i + " 0").stream().filter(line -> line.startsWith("Subject: ")).findFirst().orElseThrow());
            }
            assertThat(subjects).containsExactly("Subject: message 4", "Subject: message 5", "Subject: message 6");
        }
    }

    private static void deliver(RunningJames server, String subject) throws Exception {
        long before = files();
        server.smtp().deliver("sender@example.test", USER, Messages.text("sender@example.test", USER, subject, subject + "\n"));
        Eventually.until(Duration.ofSeconds(30), "delivery of " + subject, () -> files() > before);
        // distinct delivery seconds keep the order of the messages the order of delivery
        Thread.sleep(1000);
    }

    private static long files() throws IOException {
        Path maildir = ROOT.resolve("maildir.pop3x.local/shared/Maildir");
        long count = 0;
        for (String folder : List.of("new", "cur")) {
            if (Files.isDirectory(maildir.resolve(folder))) {
                try (Stream<Path> files = Files.list(maildir.resolve(folder))) {
                    count += files.collect(Collectors.toList()).size();
                }
            }
        }
        return count;
    }
}
