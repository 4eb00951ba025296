package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The brute-force brake: after the free failures, each failed login from one address or for one user is answered
 * later, the delay doubling up to a cap; successes are not slowed, the failures are logged, and while one session
 * waits the others are served. The test's brake: one free failure, then 400 ms doubling up to 1.6 s.
 */
class BruteForceBrakeIT {
    private static final String USER = "brake@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Duration INITIAL = Duration.ofMillis(400);
    private static final Duration MAX = Duration.ofMillis(1600);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3x.properties", properties -> properties
        .replace("brake.free-failures=2", "brake.free-failures=1")
        .replace("brake.initial-delay=1s", "brake.initial-delay=400ms")
        .replace("brake.max-delay=15s", "brake.max-delay=1600ms")
        .replace("brake.forget-after=15m", "brake.forget-after=2s")));

    private static RunningJames server;

    @BeforeAll
    static void user() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
    }

    @Test
    void repeatedFailuresSlowDownUpToTheCapAndAreLogged() throws Exception {
        forgetEarlierFailures();
        try (LogCapture log = LogCapture.of("dev.pop3x.auth.LoginBrake"); Pop3LineClient pop = server.pop3()) {
            List<Duration> delays = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pop.command("USER " + USER);
                long start = System.nanoTime();
                assertThat(pop.command("PASS wrong-" + i)).isEqualTo("-ERR [AUTH] Authentication failed.");
                delays.add(Duration.ofNanos(System.nanoTime() - start));
            }
            assertThat(delays.get(0)).isLessThan(INITIAL);
            assertThat(delays.get(1)).isBetween(INITIAL, INITIAL.multipliedBy(2));
            assertThat(delays.get(2)).isBetween(INITIAL.multipliedBy(2), INITIAL.multipliedBy(4));
            assertThat(delays.get(3)).isBetween(MAX, MAX.multipliedBy(2));
            assertThat(delays.get(4)).isBetween(MAX, MAX.multipliedBy(2));
            assertThat(log.lines()).anyMatch(line -> line.startsWith("WARN Failed login for '" + USER + "' from 127.0.0.1: failure 5")
                && line.endsWith("answer delayed 1600 ms"));

            pop.command("USER " + USER);
            long start = System.nanoTime();
            assertThat(pop.command("PASS " + PASSWORD)).isEqualTo("+OK Welcome " + USER);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a success is not slowed").isLessThan(INITIAL);
            pop.command("QUIT");
        }
    }

    @Test
    void otherSessionsAreServedWhileAFailureWaits() throws Exception {
        forgetEarlierFailures();
        try (Pop3LineClient attacker = server.pop3(); Pop3LineClient other = server.pop3()) {
            attacker.login(USER, "wrong-1");
            attacker.command("USER " + USER);
            attacker.send("PASS wrong-2");
            long start = System.nanoTime();
            assertThat(other.command("CAPA")).isEqualTo("+OK Capability list follows");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(INITIAL.dividedBy(2));
            assertThat(attacker.readLine()).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void commandsPipelinedBehindADelayedFailureAreAnsweredInOrder() throws Exception {
        forgetEarlierFailures();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, "wrong-1");
            pop.sendRaw(("USER " + USER + "\r\nPASS wrong-2\r\nNOOP\r\nUSER " + USER + "\r\nPASS " + PASSWORD + "\r\nSTAT\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            assertThat(List.of(pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine(), pop.readLine()))
                .containsExactly("+OK", "-ERR [AUTH] Authentication failed.", "-ERR Command not valid before login", "+OK",
                    "+OK Welcome " + USER, "+OK 0 0");
        }
    }

    @Test
    void failuresAreCountedForTheUserAcrossAddressesAndConnections() throws Exception {
        forgetEarlierFailures();
        try (Pop3LineClient first = server.pop3()) {
            assertThat(first.login(USER, "wrong-1")).startsWith("-ERR [AUTH]");
        }
        try (Pop3LineClient second = server.pop3()) {
            long start = System.nanoTime();
            assertThat(second.login(USER, "wrong-2")).startsWith("-ERR [AUTH]");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(INITIAL);
        }
    }

    /** The brake forgets 2 s after the last failure. */
    private static void forgetEarlierFailures() throws InterruptedException {
        Thread.sleep(2100);
    }
}
