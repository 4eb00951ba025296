package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.apache.james.JamesServerExtension;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sweepers of two James nodes serving one Maildir tree with {@code lock.maildir-lease}: both run every second
 * over the same users, and each expired message is expunged once, with one audit line, by whichever node holds the
 * maildrop's lease at that moment.
 */
class SharedMaildirSweepIT {
    private static final String USER = "swept@maildir.pop3x.local";
    private static final String PASSWORD = "secret";
    private static final int MESSAGES = 6;
    private static final Path ROOT = TempDirectories.create("pop3x-swept-maildirs");
    private static final Path LEDGER = TempDirectories.create("pop3x-shared-sweep-ledger");
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.parse("2026-11-26T10:00:00Z"));
    private static final Consumer<JamesHome> SHARED = JamesServers.maildirsIn(ROOT).andThen(JamesServers.maildirLease("6s"))
        .andThen(home -> home.edit("pop3x.properties", properties -> properties
            .replace("policy.sweep-interval=1h", "policy.sweep-interval=1s")
            .replace("policy.sweep-ledger=var/pop3x/sweep-ledger", "policy.sweep-ledger=" + LEDGER)
            .replace("expire.days=never", "expire.days=30")));

    @RegisterExtension
    static JamesServerExtension first = JamesServers.builder(SHARED)
        .overrideServerModule(binder -> binder.bind(Clock.class).toInstance(CLOCK))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    @RegisterExtension
    static JamesServerExtension second = JamesServers.builder(SHARED.andThen(JamesServers.secondServer()))
        .overrideServerModule(binder -> binder.bind(Clock.class).toInstance(CLOCK))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames one;
    private static RunningJames two;

    @BeforeAll
    static void nodes() {
        one = new RunningJames(first.getGuiceJamesServer()).addUser(USER, PASSWORD);
        two = new RunningJames(second.getGuiceJamesServer()).addUser(USER, PASSWORD);
    }

    @Test
    void sweepersOnBothNodesExpungeEachExpiredMessageOnce() {
        for (int i = 1; i <= MESSAGES; i++) {
            (i % 2 == 0 ? one : two).smtp().deliver("sender@example.test", USER, Messages.text("sender@example.test", USER, "mail " + i, "x\n"));
        }
        Eventually.until(Duration.ofSeconds(30), MESSAGES + " messages", () -> stat(one).startsWith("+OK " + MESSAGES + " "));
        try (Pop3LineClient pop = one.pop3()) {
            assertThat(pop.login(USER, PASSWORD)).startsWith("+OK");
            for (int i = 1; i <= MESSAGES; i++) {
                assertThat(pop.multiline("RETR " + i).get(0)).startsWith("+OK");
            }
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        Path entry = LEDGER.resolve("swept%40maildir.pop3x.local");
        assertThat(entry).exists();

        try (LogCapture audit = LogCapture.of("dev.pop3x.policy.Audit"); LogCapture sweeps = LogCapture.of("dev.pop3x.policy.PolicySweeper")) {
            CLOCK.setInstant(CLOCK.instant().plus(Duration.ofDays(31)));

            // watched in the Maildir, not over POP3: a QUIT runs the policy too
            Eventually.until(Duration.ofSeconds(30), "the sweepers to expire the mail", () -> messageFiles() == 0);
            // four more sweeps (both nodes sweep every second), which find nothing left to expunge
            int sweepsBefore = sweeps.lines().size();
            Eventually.until(Duration.ofSeconds(30), "later sweeps", () -> sweeps.lines().size() >= sweepsBefore + 4);

            assertThat(audit.lines()).hasSize(MESSAGES)
                .allMatch(line -> line.contains("user=" + USER) && line.contains(" reason=expired ") && line.contains(" trigger=sweeper "));
            assertThat(audit.lines().stream().map(line -> line.replaceAll(".* uidl=(\\S+).*", "$1")).distinct()).hasSize(MESSAGES);
            // no retrieved mail left: the nodes' sweepers visit the user no more
            Eventually.until(Duration.ofSeconds(30), "the ledger to forget the user", () -> !Files.exists(entry));
        }
    }

    private static long messageFiles() throws IOException {
        Path maildir = ROOT.resolve("maildir.pop3x.local").resolve("swept").resolve("Maildir");
        return DirectoryEntries.count(maildir.resolve("new")) + DirectoryEntries.count(maildir.resolve("cur"));
    }

    private static String stat(RunningJames node) {
        try (Pop3LineClient pop = node.pop3()) {
            String login = pop.login(USER, PASSWORD);
            if (!login.startsWith("+OK")) {
                // the other node's sweeper holds the maildrop a moment: [IN-USE]
                return login;
            }
            String stat = pop.command("STAT");
            pop.command("QUIT");
            return stat;
        }
    }
}
