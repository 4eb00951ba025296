package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * 400 ms doubling up to 1.6 s. Each test has users and client addresses of its own (127.0.0.0/8 is all loopback),
 * so none starts with another's failures and none waits for the brake to forget them: the brake's memory, forgetting
 * included, is specified by {@code LoginBrakeTest} on a clock of its own.
 */
class BruteForceBrakeIT {
    private static final String PASSWORD = "secret";
    private static final Duration INITIAL = Duration.ofMillis(400);
    private static final Duration MAX = Duration.ofMillis(1600);
    private static final String FAILED = "-ERR [AUTH] Authentication failed.";
    /** A wait counts from the previous failure, which the server notes a little before the client reads its answer. */
    private static final Duration EARLIER = Duration.ofMillis(50);
    /** What a loaded machine may add to an answer; the waits themselves are checked from below, and by the metric. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3x.properties", properties -> properties
        .replace("brake.initial-delay=1s", "brake.initial-delay=400ms")
        .replace("brake.max-delay=15s", "brake.max-delay=1600ms")));

    private static RunningJames server;

    @BeforeAll
    static void user() {
        server = new RunningJames(james.getGuiceJamesServer());
        for (String user : List.of("spaced", "thunderbird", "typos", "target", "attacked", "pipelined", "roaming")) {
            server.addUser(user + "@pop3x.local", PASSWORD);
        }
        for (int i = 0; i < 20; i++) {
            server.addUser("guessed-" + i + "@pop3x.local", PASSWORD);
            server.addUser("webmail-" + i + "@pop3x.local", PASSWORD);
        }
    }

    @Test
    void checksBeyondTheFreeFailuresWaitLongerUpToTheCapAndFailuresAreLogged() throws Exception {
        String user = "spaced@pop3x.local";
        try (LogCapture log = LogCapture.of("dev.pop3x.auth.LoginBrake"); Pop3LineClient pop = Pop3LineClient.connectFrom("127.0.1.1", server.pop3Port())) {
            long delayedBefore = checksDelayed();
            List<Duration> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pop.command("USER " + user);
                long start = System.nanoTime();
                assertThat(pop.command("PASS wrong-" + i)).isEqualTo(FAILED);
                answers.add(Duration.ofNanos(System.nanoTime() - start));
                assertThat(checksDelayed() - delayedBefore).as("checks that waited, after attempt %d", i + 1).isEqualTo(Math.max(0, i - 2));
            }
            assertThat(answers.get(3)).isBetween(INITIAL.minus(EARLIER), INITIAL.plus(SLACK));
            assertThat(answers.get(4)).isBetween(INITIAL.multipliedBy(2).minus(EARLIER), INITIAL.multipliedBy(2).plus(SLACK));
            assertThat(answers.get(5)).isBetween(MAX.minus(EARLIER), MAX.plus(SLACK));
            assertThat(log.lines()).contains("INFO Bad credential supplied for " + user
                + " with remote address 127.0.1.1; failure 6 for the address, 6 for the user; the next check waits 1600 ms");

            pop.command("USER " + user);
            long start = System.nanoTime();
            assertThat(pop.command("PASS " + PASSWORD)).isEqualTo("+OK Welcome " + user);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a right password waits its turn, no more")
                .isBetween(MAX.minus(EARLIER), MAX.plus(SLACK));
            pop.command("QUIT");
        }
    }

    /** Thunderbird 153.8 ESR, "normal password", on a wrong password: PLAIN, then LOGIN, then USER/PASS, one connection. */
    @Test
    void thunderbirdsRetryOfOneWrongPasswordByThreeMechanismsIsOneFailure() throws Exception {
        String user = "thunderbird@pop3x.local";
        long failuresBefore = server.server().getProbe(MetricsProbe.class).count("pop3x-login-failures");
        long delayedBefore = checksDelayed();
        try (LogCapture log = LogCapture.of("dev.pop3x.auth.LoginBrake"); Pop3LineClient pop = Pop3LineClient.connectFrom("127.0.1.2", server.pop3Port())) {
            pop.command("AUTH PLAIN");
            pop.command(Sasl.plain(user, "typo"));
            pop.command("AUTH LOGIN");
            pop.command(Sasl.base64(user));
            pop.command(Sasl.base64("typo"));
            pop.command("USER " + user);
            pop.command("PASS typo");
            assertThat(pop.transcript()).endsWith(
                "C: AUTH PLAIN", "S: + ", "C: " + Sasl.plain(user, "typo"), "S: " + FAILED,
                "C: AUTH LOGIN", "S: + " + Sasl.base64("Username:"), "C: " + Sasl.base64(user), "S: + " + Sasl.base64("Password:"),
                "C: " + Sasl.base64("typo"), "S: " + FAILED,
                "C: USER " + user, "S: +OK", "C: PASS typo", "S: " + FAILED);
            assertThat(log.lines()).filteredOn(line -> line.contains("Bad credential supplied"))
                .containsExactly("INFO Bad credential supplied for " + user + " with remote address 127.0.1.2; failure 1 for the address, 1 for the user");
        }
        assertThat(server.server().getProbe(MetricsProbe.class).count("pop3x-login-failures")).isEqualTo(failuresBefore + 1);
        assertThat(checksDelayed()).as("checks that waited").isEqualTo(delayedBefore);
    }

    @Test
    void aRightPasswordAfterTwoTyposIsAnsweredAtOnce() throws Exception {
        String user = "typos@pop3x.local";
        try (Pop3LineClient pop = Pop3LineClient.connectFrom("127.0.1.3", server.pop3Port())) {
            assertThat(pop.login(user, "typo-1")).isEqualTo(FAILED);
            assertThat(pop.login(user, "typo-2")).isEqualTo(FAILED);
            long delayedBefore = checksDelayed();
            assertThat(pop.login(user, PASSWORD)).isEqualTo("+OK Welcome " + user);
            assertThat(checksDelayed()).as("checks that waited").isEqualTo(delayedBefore);
        }
    }

    /**
     * Twenty users logging in at once from one address that never failed (a webmail, a NAT, fetchmail polling many
     * accounts) are not slowed: only an address that failed has its checks in flight counted against it.
     */
    @Test
    void manyUsersLoggingInAtOnceFromOneAddressThatNeverFailedAreNotSlowed() throws Exception {
        long delayedBefore = checksDelayed();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "webmail-" + i + "@pop3x.local";
                logins.add(clients.submit(() -> {
                    try (Pop3LineClient pop = Pop3LineClient.connectFrom("127.0.1.4", server.pop3Port())) {
                        String welcome = pop.login(user, PASSWORD);
                        pop.command("QUIT");
                        return welcome;
                    }
                }));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(logins.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("+OK Welcome webmail-" + i + "@pop3x.local");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(checksDelayed()).as("checks that waited").isEqualTo(delayedBefore);
    }

    /**
     * The attack of issue 25: many connections, each sending one guess and leaving without waiting for the answer.
     * Against one user from 20 addresses, and from one address against 20 users, for 5 s each: the guesses checked
     * are the free ones and then one per spacing (at 0, 0, 0, 0.4, 1.2, 2.8 and 4.4 s against the user, one fewer from
     * the address that failed once already), at most 7 and 6 in 5 s; before the brake bounded the
     * checks themselves, the same run checked about 200 in 2 s. The address has failed once before the flood: an
     * address that never failed has its checks in flight made at once (a webmail logging many users in, see
     * {@link #manyUsersLoggingInAtOnceFromOneAddressThatNeverFailedAreNotSlowed}), as many as it has connections
     * checking at that moment (at most {@code connectionLimitPerIP}), and is braked from its first failure on.
     */
    @Test
    void guessesFromClientsThatDoNotWaitForTheAnswerAreBoundedPerUserAndPerAddress() throws Exception {
        int againstOneUser = guessesChecked(connection -> "127.0.2." + (2 + connection % 20), connection -> "target@pop3x.local",
            "for target@pop3x.local ");
        try (Pop3LineClient first = Pop3LineClient.connectFrom("127.0.3.1", server.pop3Port())) {
            assertThat(first.login("guessed-0@pop3x.local", "first-guess")).isEqualTo(FAILED);
        }
        int fromOneAddress = guessesChecked(connection -> "127.0.3.1", connection -> "guessed-" + connection % 20 + "@pop3x.local",
            "with remote address 127.0.3.1;");
        assertThat(againstOneUser).as("guesses checked against one user in 5 s").isBetween(4, 7);
        assertThat(fromOneAddress).as("guesses checked from one address in 5 s, after its first failure").isBetween(4, 6);
    }

    @Test
    void otherSessionsAreServedWhileACheckWaits() throws Exception {
        String user = "attacked@pop3x.local";
        try (Pop3LineClient attacker = Pop3LineClient.connectFrom("127.0.1.5", server.pop3Port());
            Pop3LineClient other = Pop3LineClient.connectFrom("127.0.1.6", server.pop3Port())) {
            attacker.login(user, "wrong-1");
            attacker.login(user, "wrong-2");
            attacker.login(user, "wrong-3");
            attacker.command("USER " + user);
            attacker.send("PASS wrong-4");
            long start = System.nanoTime();
            assertThat(other.command("CAPA")).isEqualTo("+OK Capability list follows");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(INITIAL.dividedBy(2));
            assertThat(attacker.readLine()).isEqualTo(FAILED);
        }
    }

    @Test
    void commandsPipelinedBehindAWaitingCheckAreAnsweredInOrder() throws Exception {
        String user = "pipelined@pop3x.local";
        try (Pop3LineClient pop = Pop3LineClient.connectFrom("127.0.1.7", server.pop3Port())) {
            pop.login(user, "wrong-1");
            pop.login(user, "wrong-2");
            pop.login(user, "wrong-3");
            pop.sendRaw(("USER " + user + "\r\nPASS wrong-4\r\nNOOP\r\nUSER " + user + "\r\nPASS " + PASSWORD + "\r\nSTAT\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            assertThat(List.of(pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine()))
                .containsExactly("+OK", FAILED, "-ERR Command not valid before login", "+OK", "+OK Welcome " + user, "+OK 0 0");
        }
    }

    @Test
    void failuresAreCountedForTheUserAcrossAddressesAndConnections() throws Exception {
        String user = "roaming@pop3x.local";
        for (int i = 1; i <= 3; i++) {
            try (Pop3LineClient pop = Pop3LineClient.connectFrom("127.0.4." + i, server.pop3Port())) {
                assertThat(pop.login(user, "wrong-" + i)).isEqualTo(FAILED);
            }
        }
        try (Pop3LineClient fourth = Pop3LineClient.connectFrom("127.0.4.4", server.pop3Port())) {
            long start = System.nanoTime();
            assertThat(fourth.login(user, "wrong-4")).isEqualTo(FAILED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(INITIAL.dividedBy(2));
        }
    }

    /**
     * For 5 s, 8 clients each connect, send USER and PASS with a new guess, read the answer to USER and disconnect,
     * again and again; then the guesses the server checked in those 5 s, from its log (a check the brake spaced to
     * after the window is made after it, and one spaced after an earlier flood's window is not this flood's: only the
     * lines naming what is guessed count).
     */
    private static int guessesChecked(ConnectionAddress from, ConnectionUser user, String guessed) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (LogCapture log = LogCapture.of("dev.pop3x.auth.LoginBrake")) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            Instant end = Instant.now().plus(Duration.ofSeconds(5));
            for (int i = 0; i < 8; i++) {
                clients.execute(() -> {
                    while (Instant.now().isBefore(end)) {
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
            int checked = (int) log.linesLoggedBefore(end).stream()
                .filter(line -> line.contains("Bad credential supplied") && line.contains(guessed)).count();
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
}
