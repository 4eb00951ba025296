package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The brute-force brake: after the free failures, each check of credentials for one user or from one address waits
 * after the previous one, the delay doubling up to a cap, whether or not the clients wait for the answers; the same
 * wrong password sent again in one connection is one failure; the failures are logged in the line CrowdSec and
 * fail2ban read; and while one session waits the others are served. The test's brake: two free failures, then
 * 400 ms doubling up to 1.6 s.
 */
class BruteForceBrakeIT {
    private static final String USER = "brake@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Duration INITIAL = Duration.ofMillis(400);
    private static final Duration MAX = Duration.ofMillis(1600);
    private static final Duration FORGET_AFTER = Duration.ofSeconds(1);
    private static final String FAILED = "-ERR [AUTH] Authentication failed.";
    /** A wait counts from the previous failure, which the server notes a little before the client reads its answer. */
    private static final Duration EARLIER = Duration.ofMillis(50);
    /** What a loaded machine may add to an answer; the waits themselves are checked from below, and by the metric. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3x.properties", properties -> properties
        .replace("brake.initial-delay=1s", "brake.initial-delay=400ms")
        .replace("brake.max-delay=15s", "brake.max-delay=1600ms")
        .replace("brake.forget-after=15m", "brake.forget-after=1s")));

    private static RunningJames server;

    @BeforeAll
    static void user() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        for (int i = 0; i < 20; i++) {
            server.addUser("guessed-" + i + "@pop3x.local", PASSWORD);
        }
    }

    @Test
    void checksBeyondTheFreeFailuresWaitLongerUpToTheCapAndFailuresAreLogged() throws Exception {
        forgetEarlierFailures();
        try (LogCapture log = LogCapture.of("dev.pop3x.auth.LoginBrake"); Pop3LineClient pop = server.pop3()) {
            long delayedBefore = checksDelayed();
            List<Duration> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pop.command("USER " + USER);
                long start = System.nanoTime();
                assertThat(pop.command("PASS wrong-" + i)).isEqualTo(FAILED);
                answers.add(Duration.ofNanos(System.nanoTime() - start));
                assertThat(checksDelayed() - delayedBefore).as("checks that waited, after attempt %d", i + 1).isEqualTo(Math.max(0, i - 2));
            }
            assertThat(answers.get(3)).isBetween(INITIAL.minus(EARLIER), INITIAL.plus(SLACK));
            assertThat(answers.get(4)).isBetween(INITIAL.multipliedBy(2).minus(EARLIER), INITIAL.multipliedBy(2).plus(SLACK));
            assertThat(answers.get(5)).isBetween(MAX.minus(EARLIER), MAX.plus(SLACK));
            assertThat(log.lines()).contains("INFO Bad credential supplied for " + USER
                + " with remote address 127.0.0.1; failure 6 for the address, 6 for the user; the next check waits 1600 ms");

            pop.command("USER " + USER);
            long start = System.nanoTime();
            assertThat(pop.command("PASS " + PASSWORD)).isEqualTo("+OK Welcome " + USER);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a right password waits its turn, no more")
                .isBetween(MAX.minus(EARLIER), MAX.plus(SLACK));
            pop.command("QUIT");
        }
    }

    /** Thunderbird 153.8 ESR, "normal password", on a wrong password: PLAIN, then LOGIN, then USER/PASS, one connection. */
    @Test
    void thunderbirdsRetryOfOneWrongPasswordByThreeMechanismsIsOneFailure() throws Exception {
        forgetEarlierFailures();
        long failuresBefore = server.server().getProbe(MetricsProbe.class).count("pop3x-login-failures");
        long delayedBefore = checksDelayed();
        try (LogCapture log = LogCapture.of("dev.pop3x.auth.LoginBrake"); Pop3LineClient pop = server.pop3()) {
            pop.command("AUTH PLAIN");
            pop.command(Sasl.plain(USER, "typo"));
            pop.command("AUTH LOGIN");
            pop.command(Sasl.base64(USER));
            pop.command(Sasl.base64("typo"));
            pop.command("USER " + USER);
            pop.command("PASS typo");
            assertThat(pop.transcript()).endsWith(
                "C: AUTH PLAIN", "S: + ", "C: " + Sasl.plain(USER, "typo"), "S: " + FAILED,
                "C: AUTH LOGIN", "S: + " + Sasl.base64("Username:"), "C: " + Sasl.base64(USER), "S: + " + Sasl.base64("Password:"),
                "C: " + Sasl.base64("typo"), "S: " + FAILED,
                "C: USER " + USER, "S: +OK", "C: PASS typo", "S: " + FAILED);
            assertThat(log.lines()).filteredOn(line -> line.contains("Bad credential supplied"))
                .containsExactly("INFO Bad credential supplied for " + USER + " with remote address 127.0.0.1; failure 1 for the address, 1 for the user");
        }
        assertThat(server.server().getProbe(MetricsProbe.class).count("pop3x-login-failures")).isEqualTo(failuresBefore + 1);
        assertThat(checksDelayed()).as("checks that waited").isEqualTo(delayedBefore);
    }

    @Test
    void aRightPasswordAfterTwoTyposIsAnsweredAtOnce() throws Exception {
        forgetEarlierFailures();
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(USER, "typo-1")).isEqualTo(FAILED);
            assertThat(pop.login(USER, "typo-2")).isEqualTo(FAILED);
            long delayedBefore = checksDelayed();
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            assertThat(checksDelayed()).as("checks that waited").isEqualTo(delayedBefore);
        }
    }

    /**
     * Twenty users logging in at once from one address that never failed (a webmail, a NAT, fetchmail polling many
     * accounts) are not slowed: only an address that failed has its checks in flight counted against it.
     */
    @Test
    void manyUsersLoggingInAtOnceFromOneAddressThatNeverFailedAreNotSlowed() throws Exception {
        forgetEarlierFailures();
        long delayedBefore = checksDelayed();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "guessed-" + i + "@pop3x.local";
                logins.add(clients.submit(() -> {
                    try (Pop3LineClient pop = server.pop3()) {
                        String welcome = pop.login(user, PASSWORD);
                        pop.command("QUIT");
                        return welcome;
                    }
                }));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(logins.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("+OK Welcome guessed-" + i + "@pop3x.local");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(checksDelayed()).as("checks that waited").isEqualTo(delayedBefore);
    }

    /**
     * The attack of issue 25: many connections, each sending one guess and leaving without waiting for the answer.
     * Against one user from 20 addresses, and from one address against 20 users, for 5 s each: the guesses checked
     * are the free ones and then one per spacing (0.4, 0.8, 1.6, 1.6 s...), 7 in 5 s; before the brake bounded the
     * checks themselves, the same run checked about 200 in 2 s.
     */
    @Test
    void guessesFromClientsThatDoNotWaitForTheAnswerAreBoundedPerUserAndPerAddress() throws Exception {
        forgetEarlierFailures();
        int againstOneUser = guessesChecked(connection -> "127.0.0." + (2 + connection % 20), connection -> USER);
        forgetEarlierFailures();
        int fromOneAddress = guessesChecked(connection -> "127.0.0.99", connection -> "guessed-" + connection % 20 + "@pop3x.local");
        assertThat(againstOneUser).as("guesses checked against one user in 5 s").isBetween(4, 7);
        assertThat(fromOneAddress).as("guesses checked from one address in 5 s").isBetween(4, 7);
    }

    @Test
    void otherSessionsAreServedWhileACheckWaits() throws Exception {
        forgetEarlierFailures();
        try (Pop3LineClient attacker = server.pop3(); Pop3LineClient other = Pop3LineClient.connectFrom("127.0.0.50", server.pop3Port())) {
            attacker.login(USER, "wrong-1");
            attacker.login(USER, "wrong-2");
            attacker.login(USER, "wrong-3");
            attacker.command("USER " + USER);
            attacker.send("PASS wrong-4");
            long start = System.nanoTime();
            assertThat(other.command("CAPA")).isEqualTo("+OK Capability list follows");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(INITIAL.dividedBy(2));
            assertThat(attacker.readLine()).isEqualTo(FAILED);
        }
    }

    @Test
    void commandsPipelinedBehindAWaitingCheckAreAnsweredInOrder() throws Exception {
        forgetEarlierFailures();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, "wrong-1");
            pop.login(USER, "wrong-2");
            pop.login(USER, "wrong-3");
            pop.sendRaw(("USER " + USER + "\r\nPASS wrong-4\r\nNOOP\r\nUSER " + USER + "\r\nPASS " + PASSWORD + "\r\nSTAT\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            assertThat(List.of(pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine()))
                .containsExactly("+OK", FAILED, "-ERR Command not valid before login", "+OK", "+OK Welcome " + USER, "+OK 0 0");
        }
    }

    @Test
    void failuresAreCountedForTheUserAcrossAddressesAndConnections() throws Exception {
        forgetEarlierFailures();
        for (int i = 1; i <= 3; i++) {
            try (Pop3LineClient pop = Pop3LineClient.connectFrom("127.0.0." + (60 + i), server.pop3Port())) {
                assertThat(pop.login(USER, "wrong-" + i)).isEqualTo(FAILED);
            }
        }
        try (Pop3LineClient fourth = Pop3LineClient.connectFrom("127.0.0.64", server.pop3Port())) {
            long start = System.nanoTime();
            assertThat(fourth.login(USER, "wrong-4")).isEqualTo(FAILED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(INITIAL.dividedBy(2));
        }
    }

    /**
     * For 5 s, 8 clients each connect, send USER and PASS with a new guess and disconnect at once, again and again;
     * then the guesses the server checked, from its log.
     */
    private static int guessesChecked(ConnectionAddress from, ConnectionUser user) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (LogCapture log = LogCapture.of("dev.pop3x.auth.LoginBrake")) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (int i = 0; i < 8; i++) {
                clients.execute(() -> {
                    while (System.nanoTime() < end) {
                        int connection = connections.incrementAndGet();
                        try (Pop3LineClient pop = Pop3LineClient.connectFrom(from.of(connection), server.pop3Port())) {
                            pop.sendRaw(("USER " + user.of(connection) + "\r\nPASS guess-" + connection + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            pop.readLine();
                        }
                    }
                });
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            int checked = (int) log.lines().stream().filter(line -> line.contains("Bad credential supplied")).count();
            System.out.printf("BruteForceBrakeIT: %d connections in 5 s, %d guesses checked (%.2f/s)%n", connections.get(), checked, checked / 5.0);
            assertThat(connections.get()).as("connections made").isGreaterThan(100);
            return checked;
        }
    }

    private static long checksDelayed() {
        return server.server().getProbe(MetricsProbe.class).count("pop3x-login-checks-delayed");
    }

    private interface ConnectionAddress {
        String of(int connection);
    }

    private interface ConnectionUser {
        String of(int connection);
    }

    /** The brake forgets 1 s after the last check or failure, and a check waits at most 1.6 s. */
    private static void forgetEarlierFailures() throws InterruptedException {
        Thread.sleep(MAX.plus(FORGET_AFTER).toMillis() + 100);
    }
}
