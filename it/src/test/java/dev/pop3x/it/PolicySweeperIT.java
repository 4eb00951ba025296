package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.james.JamesServerExtension;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sweeper (a James startable from extensions.properties) runs the deletion policy every
 * {@code policy.sweep-interval} for the users with retrieved mail (all users until a first sweep has filled the sweep
 * ledger), so that the mail of users who never log in expires too, on both backends; a user in a session is left to
 * the QUIT of that session.
 */
class PolicySweeperIT {
    private static final String PASSWORD = "secret";
    private static final String SENDER = "sender@pop3x.local";
    private static final String ON_JAMES = "absent@pop3x.local";
    private static final String ON_MAILDIR = "absent@maildir.pop3x.local";
    private static final String IN_SESSION = "present@pop3x.local";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.parse("2026-11-26T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension james = JamesServers.builder(home -> home.edit("pop3x.properties", properties -> properties
            .replace("policy.sweep-interval=1h", "policy.sweep-interval=1s")
            .replace("expire.days=never", "expire.days=30")))
        .overrideServerModule(binder -> binder.bind(Clock.class).toInstance(CLOCK))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;

    @BeforeAll
    static void users() {
        server = new RunningJames(james.getGuiceJamesServer())
            .addUser(SENDER, PASSWORD).addUser(ON_JAMES, PASSWORD).addUser(ON_MAILDIR, PASSWORD).addUser(IN_SESSION, PASSWORD);
    }

    @Test
    void theSweeperExpiresTheMailOfUsersWhoDoNotLogInAndLeavesUsersInASessionToTheirQuit() {
        server.deliver(ON_JAMES, message(ON_JAMES, "read once"));
        server.deliver(ON_JAMES, message(ON_JAMES, "never read"));
        server.deliver(IN_SESSION, message(IN_SESSION, "read once"));
        server.smtp().deliver(SENDER, ON_MAILDIR, message(ON_MAILDIR, "read once"));
        server.smtp().deliver(SENDER, ON_MAILDIR, message(ON_MAILDIR, "never read"));
        await(() -> maildirMessages() == 2, "two messages in the maildir");
        retrieveFirst(ON_JAMES);
        retrieveFirst(ON_MAILDIR);
        retrieveFirst(IN_SESSION);

        try (LogCapture audit = LogCapture.of("dev.pop3x.policy.Audit");
             LogCapture sweeper = LogCapture.of("dev.pop3x.policy.PolicySweeper");
             Pop3LineClient session = server.pop3()) {
            session.login(IN_SESSION, PASSWORD);
            CLOCK.setInstant(CLOCK.instant().plus(Duration.ofDays(31)));

            await(() -> server.messageCount(ON_JAMES) == 1 && maildirMessages() == 1, "the sweeper to expire the read mail");
            await(() -> sweeper.lines().stream().anyMatch(line -> line.contains(" 1 in a session")), "a sweep to skip the session");
            assertThat(server.messageCount(IN_SESSION)).isEqualTo(1);
            assertThat(audit.lines()).hasSize(2).allMatch(line -> line.contains(" reason=expired ") && line.contains(" trigger=sweeper "));

            assertThat(session.command("QUIT")).startsWith("+OK");
            assertThat(server.messageCount(IN_SESSION)).isZero();
            assertThat(audit.lines()).hasSize(3).last().asString().contains("user=" + IN_SESSION, "trigger=QUIT");
        }
    }

    @Test
    void aUserWhoRetrievesMailIsInTheSweepLedgerUntilTheirRetrievedMailIsGone() {
        String user = "ledgered@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, message(user, "read once"));
        Path ledger = server.workingDirectory().resolve("var/pop3x/sweep-ledger");
        // the first sweep visits every user and completes the ledger: from then on, only its entries are visited
        await(() -> Files.exists(ledger.resolve(".complete")), "a first sweep over every user");
        assertThat(ledger.resolve("ledgered%40pop3x.local")).doesNotExist();

        retrieveFirst(user);

        await(() -> Files.exists(ledger.resolve("ledgered%40pop3x.local")), "the session's retrieval in the ledger");
        CLOCK.setInstant(CLOCK.instant().plus(Duration.ofDays(31)));
        await(() -> server.messageCount(user) == 0, "the sweeper to expire the read mail");
        await(() -> !Files.exists(ledger.resolve("ledgered%40pop3x.local")), "the ledger to forget the user");
    }

    private static String message(String to, String subject) {
        return Messages.text(SENDER, to, subject, "Body of " + subject + ".\n");
    }

    private static void retrieveFirst(String user) {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            assertThat(pop.multiline("RETR 1").get(0)).startsWith("+OK");
            pop.command("QUIT");
        }
    }

    private static long maildirMessages() {
        Path maildir = server.workingDirectory().resolve("var/maildir/maildir.pop3x.local/absent/Maildir");
        long count = 0;
        for (String folder : List.of("new", "cur")) {
            if (Files.isDirectory(maildir.resolve(folder))) {
                try (Stream<Path> files = Files.list(maildir.resolve(folder))) {
                    count += files.count();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return count;
    }

    private static void await(BooleanSupplier condition, String what) {
        Eventually.until(Duration.ofSeconds(20), what, condition::getAsBoolean);
    }
}
