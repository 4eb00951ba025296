package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;

import org.apache.james.JamesServerExtension;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LOGIN-DELAY and EXPIRE (RFC 2449), set per domain and per user in pop3x.properties: CAPA announces before login
 * the largest delay and the smallest retention any user has, with USER, and after login the user's own; a login
 * sooner than the user's delay after the last successful one gets {@code -ERR [LOGIN-DELAY]}. James's clock is
 * the test's, so no test waits.
 */
class LoginDelayAndExpireIT {
    private static final String SLOW = "slow@pop3x.local";
    private static final String FAST = "fast@pop3x.local";
    private static final String ELSEWHERE = "someone@elsewhere.test";
    private static final String PASSWORD = "secret";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.parse("2026-11-26T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension james = JamesServers.builder(home -> home.edit("pop3x.properties", properties -> properties
            + "login-delay.seconds[pop3x.local]=900\n"
            + "login-delay.seconds[fast@pop3x.local]=0\n"
            + "expire.days[pop3x.local]=30\n"
            + "expire.days[fast@pop3x.local]=7\n"))
        .overrideServerModule(binder -> binder.bind(Clock.class).toInstance(CLOCK))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;

    @BeforeAll
    static void users() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(SLOW, PASSWORD).addUser(FAST, PASSWORD).addUser(ELSEWHERE, PASSWORD);
    }

    @Test
    void beforeLoginCapaAnnouncesTheLargestDelayAndTheSmallestRetentionWithUser() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.multiline("CAPA")).contains("LOGIN-DELAY 900 USER", "EXPIRE 7 USER");
        }
    }

    @Test
    void afterLoginCapaAnnouncesTheUsersOwnValues() {
        CLOCK.setInstant(CLOCK.instant().plusSeconds(3600));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(SLOW, PASSWORD);
            assertThat(pop.multiline("CAPA")).contains("LOGIN-DELAY 900", "EXPIRE 30").doesNotContain("LOGIN-DELAY 900 USER");
            pop.command("QUIT");
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(FAST, PASSWORD);
            assertThat(pop.multiline("CAPA")).contains("LOGIN-DELAY 0", "EXPIRE 7");
            pop.command("QUIT");
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(ELSEWHERE, PASSWORD);
            assertThat(pop.multiline("CAPA")).contains("LOGIN-DELAY 0", "EXPIRE NEVER");
            pop.command("QUIT");
        }
    }

    @Test
    void aLoginSoonerThanTheDelayIsRefusedUntilTheDelayHasPassed() {
        CLOCK.setInstant(CLOCK.instant().plusSeconds(7200));
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(SLOW, PASSWORD)).isEqualTo("+OK Welcome " + SLOW);
            pop.command("QUIT");
        }
        CLOCK.setInstant(CLOCK.instant().plusSeconds(600));
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(SLOW, PASSWORD))
                .isEqualTo("-ERR [LOGIN-DELAY] Minimum time between logins is 900 seconds; try again in 300 seconds.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(SLOW, PASSWORD))).startsWith("-ERR [LOGIN-DELAY]");
        }
        CLOCK.setInstant(CLOCK.instant().plusSeconds(300));
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(SLOW, PASSWORD)).isEqualTo("+OK Welcome " + SLOW);
            pop.command("QUIT");
        }
    }

    @Test
    void aRefusedLoginDoesNotRestartTheDelay() {
        CLOCK.setInstant(CLOCK.instant().plusSeconds(86_400));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(SLOW, PASSWORD);
            pop.command("QUIT");
        }
        CLOCK.setInstant(CLOCK.instant().plusSeconds(899));
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(SLOW, PASSWORD)).startsWith("-ERR [LOGIN-DELAY]");
        }
        CLOCK.setInstant(CLOCK.instant().plusSeconds(1));
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(SLOW, PASSWORD)).isEqualTo("+OK Welcome " + SLOW);
            pop.command("QUIT");
        }
    }

    @Test
    void aUserWithoutDelayLogsInAsOftenAsItLikes() {
        for (int i = 0; i < 3; i++) {
            try (Pop3LineClient pop = server.pop3()) {
                assertThat(pop.login(FAST, PASSWORD)).isEqualTo("+OK Welcome " + FAST);
                pop.command("QUIT");
            }
        }
    }
}
