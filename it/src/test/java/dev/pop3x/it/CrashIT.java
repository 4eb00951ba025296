package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * James killed with SIGKILL in the middle of POP3 sessions (RETR, DELE, QUIT and its expunge all in flight), then
 * started again on the same Maildirs: every message is still there and intact unless a session deleted it, a
 * message whose QUIT was confirmed never comes back, and nobody is locked out. Three kills by default;
 * {@code -Dpop3x.crash.cycles=20} for the long run.
 *
 * <p>Mail is delivered, and has landed in the Maildirs, before the sessions start: a memory James keeps its mail
 * queue in its heap, so mail accepted by SMTP and still queued dies with it, which is James's affair, not ours.
 */
class CrashIT {
    private static final int USERS = 8;
    private static final int MESSAGES_PER_USER = 30;
    private static final int SESSIONS = 24;
    private static final int CYCLES = Integer.getInteger("pop3x.crash.cycles", 3);
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final String PASSWORD = "secret";

    @TempDir
    static Path root;
    private static DroppedInJames james;

    private final MaildropLedger ledger = new MaildropLedger();
    private final AtomicLong quitsConfirmed = new AtomicLong();

    @BeforeAll
    static void startJames() {
        james = DroppedInJames.start(root, List.of("-Xmx512m"), home -> { });
    }

    @AfterAll
    static void stopJames() {
        james.close();
    }

    @Test
    void sigkillInTheMiddleOfSessionsLosesNothingAndDeletesOnlyWhatSessionsDeleted() throws Exception {
        addUsers();
        long number = 0;
        for (int u = 0; u < USERS; u++) {
            String user = user(u);
            for (int m = 0; m < MESSAGES_PER_USER; m++) {
                number++;
                james.smtp().deliver("sender@example.test", user, NumberedMessages.message("sender@example.test", user, number, 2000 + m * 97));
                ledger.accepted(user, number);
            }
        }
        for (int u = 0; u < USERS; u++) {
            awaitFilesIn(user(u), MESSAGES_PER_USER);
        }

        SplittableRandom random = new SplittableRandom(42);
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
            List<Future<?>> sessions = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                String user = user(s % USERS);
                SplittableRandom seed = random.split();
                sessions.add(pool.submit(() -> sessionsUntilKilled(user, seed, killed)));
            }
            Thread.sleep(1500 + random.nextInt(2500));
            killed.set(true);
            james.kill();
            for (Future<?> session : sessions) {
                session.get();
            }
            pool.shutdown();
            james.restart();
            addUsers();
        }

        assertThat(quitsConfirmed.get()).as("sessions that deleted and got +OK to QUIT").isPositive();
        for (int u = 0; u < USERS; u++) {
            assertThat(census(user(u))).as("census of %s", user(u)).isEmpty();
        }
    }

    /** Download-and-delete sessions, one after another, until James dies under them. */
    private void sessionsUntilKilled(String user, SplittableRandom random, AtomicBoolean killed) {
        while (!killed.get()) {
            List<Long> marked = new ArrayList<>();
            boolean quitSent = false;
            try (MaildropClient pop = MaildropClient.connect(james.ports().pop3(), Duration.ofSeconds(30))) {
                if (!pop.login(user, PASSWORD).startsWith("+OK")) {
                    Thread.sleep(20);
                    continue;
                }
                long count = pop.stat()[0];
                for (int n = 1; n <= count && marked.size() < 3; n++) {
                    byte[] message = pop.retr(n);
                    Optional<Long> number = NumberedMessages.numberOf(message);
                    if (random.nextInt(4) == 0 && number.isPresent() && pop.command("DELE " + n).startsWith("+OK")) {
                        marked.add(number.get());
                    }
                }
                quitSent = true;
                if (pop.command("QUIT").startsWith("+OK")) {
                    ledger.deleted(user, marked, true);
                    if (!marked.isEmpty()) {
                        quitsConfirmed.incrementAndGet();
                    }
                } else {
                    ledger.deleted(user, marked, false);
                }
            } catch (RuntimeException | InterruptedException e) {
                if (quitSent) {
                    ledger.deleted(user, marked, false);
                }
                if (!killed.get() && !(e instanceof InterruptedException)) {
                    throw new AssertionError("A session of " + user + " failed while James ran", e);
                }
            }
        }
    }

    private List<String> census(String user) {
        return ledger.census(james.ports().pop3(), user, PASSWORD);
    }

    /** A memory James forgets its domains and users when it dies; the Maildirs stay. */
    private static void addUsers() {
        james.addDomain(DOMAIN);
        for (int u = 0; u < USERS; u++) {
            james.addUser(user(u), PASSWORD);
        }
    }

    private static String user(int index) {
        return "crash" + index + "@" + DOMAIN;
    }

    private static void awaitFilesIn(String user, int expected) throws IOException, InterruptedException {
        Path maildir = james.home().root().resolve("var/maildir").resolve(DOMAIN)
            .resolve(user.substring(0, user.indexOf('@'))).resolve("Maildir");
        Eventually.until(Duration.ofSeconds(60), user + "'s " + expected + " messages",
            () -> DirectoryEntries.count(maildir.resolve("new")) + DirectoryEntries.count(maildir.resolve("cur")) >= expected);
    }
}
