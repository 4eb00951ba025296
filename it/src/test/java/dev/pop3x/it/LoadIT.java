package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 concurrent POP3 sessions on both backends for a bounded time while SMTP delivers, then a census: every
 * message SMTP accepted is in its maildrop exactly once and intact, unless a session deleted it and got +OK to its
 * QUIT. Sessions also drop their connections (mid-session and mid-RETR) as real clients do. 30 seconds by default;
 * {@code -Dpop3x.load.seconds=600} for the long run.
 */
class LoadIT {
    private static final int SESSIONS = 200;
    private static final int USERS_PER_BACKEND = 50;
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("pop3x.load.seconds", 30));
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.withoutBrake());

    private static RunningJames server;
    private static final List<String> USERS = new ArrayList<>();

    private final MaildropLedger ledger = new MaildropLedger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong retrieved = new AtomicLong();

    @BeforeAll
    static void users() {
        server = new RunningJames(james.getGuiceJamesServer());
        for (int i = 0; i < USERS_PER_BACKEND; i++) {
            USERS.add("load" + i + "@pop3x.local");
            USERS.add("load" + i + "@maildir.pop3x.local");
        }
        USERS.forEach(user -> server.addUser(user, PASSWORD));
    }

    @Test
    void twoHundredSessionsWithDeliveriesLoseNothingAndDeleteOnlyWhatQuitConfirmed() throws Exception {
        Instant end = Instant.now().plus(DURATION);
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS + 2);
        List<Future<?>> running = new ArrayList<>();
        AtomicLong numbers = new AtomicLong();
        for (int i = 0; i < 2; i++) {
            long seed = i;
            running.add(pool.submit(() -> deliverUntil(end, numbers, new SplittableRandom(seed))));
        }
        for (int i = 0; i < SESSIONS; i++) {
            String user = USERS.get(i % USERS.size());
            // from four addresses, as clients of four hosts: conf/ lets one address have 100 connections
            String address = "127.0.0." + (2 + i % 4);
            long seed = 1000 + i;
            running.add(pool.submit(() -> pollUntil(end, user, address, new SplittableRandom(seed))));
        }
        for (Future<?> task : running) {
            task.get();
        }
        pool.shutdown();

        assertThat(failures).as("failures during the load").isEmpty();
        assertThat(sessions.get()).as("sessions").isGreaterThan(SESSIONS);
        assertThat(retrieved.get()).as("messages retrieved").isPositive();
        for (String user : USERS) {
            assertThat(census(user)).as("census of %s", user).isEmpty();
        }
    }

    private void deliverUntil(Instant end, AtomicLong numbers, SplittableRandom random) {
        while (Instant.now().isBefore(end)) {
            String user = USERS.get(random.nextInt(USERS.size()));
            long number = numbers.incrementAndGet();
            try {
                server.smtp().deliver("sender@example.test", user,
                    NumberedMessages.message("sender@example.test", user, number, 1000 + random.nextInt(12_000)));
                ledger.accepted(user, number);
            } catch (RuntimeException e) {
                failures.add("SMTP delivery of " + number + " to " + user + ": " + e);
            }
            pause(20);
        }
    }

    /** A leave-on-server-and-sometimes-delete client: login, UIDL, RETR, some DELE, then QUIT or a dropped line. */
    private void pollUntil(Instant end, String user, String address, SplittableRandom random) {
        while (Instant.now().isBefore(end)) {
            sessions.incrementAndGet();
            List<Long> marked = new ArrayList<>();
            boolean quitSent = false;
            try (MaildropClient pop = MaildropClient.connectFrom(address, server.pop3Port(), READ_TIMEOUT)) {
                String login = pop.login(user, PASSWORD);
                if (login.startsWith("-ERR [IN-USE]")) {
                    inUse.incrementAndGet();
                    pop.command("QUIT");
                    pause(50 + random.nextInt(200));
                    continue;
                }
                if (!login.startsWith("+OK")) {
                    failures.add(user + " login: " + login);
                    continue;
                }
                long count = pop.stat()[0];
                pop.multiline("UIDL");
                for (int n = 1; n <= count; n++) {
                    if (random.nextInt(10) == 0) {
                        pop.send("RETR " + n);
                        pop.abort();
                        break;
                    }
                    byte[] message = pop.retr(n);
                    retrieved.incrementAndGet();
                    Optional<Long> number = NumberedMessages.numberOf(message);
                    if (number.isEmpty() || !NumberedMessages.intact(message)) {
                        failures.add(user + " RETR " + n + " is not intact: " + new String(message, 0, Math.min(300, message.length)));
                        continue;
                    }
                    if (random.nextInt(3) == 0) {
                        String dele = pop.command("DELE " + n);
                        if (dele.startsWith("+OK")) {
                            marked.add(number.get());
                        } else {
                            failures.add(user + " DELE " + n + ": " + dele);
                        }
                    }
                }
                if (random.nextInt(10) == 0) {
                    pop.abort();
                    continue;
                }
                quitSent = true;
                String quit = pop.command("QUIT");
                if (quit.startsWith("+OK")) {
                    ledger.deleted(user, marked, true);
                } else {
                    failures.add(user + " QUIT: " + quit);
                    ledger.deleted(user, marked, false);
                }
            } catch (RuntimeException e) {
                if (quitSent) {
                    ledger.deleted(user, marked, false);
                }
                if (!isOurAbort(e)) {
                    failures.add(user + " session: " + e);
                }
            }
            pause(random.nextInt(100));
        }
    }

    private static boolean isOurAbort(RuntimeException e) {
        return e.getCause() instanceof SocketException && String.valueOf(e.getCause().getMessage()).contains("closed");
    }

    /**
     * Waits for the deliveries to land, then lists what is wrong with the user's maildrop: messages lost, deleted
     * ones back, duplicates, damaged ones. Empty when all is well.
     */
    private List<String> census(String user) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        List<String> problems;
        do {
            problems = problemsOf(user);
            if (problems.isEmpty()) {
                return problems;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        return problems;
    }

    private List<String> problemsOf(String user) {
        return ledger.census(server.pop3Port(), user, PASSWORD);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
