package dev.pop3x.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.auth.LoginBrake.Admission;
import dev.pop3x.protocol.SteppedClock;

/**
 * The brake's memory, on a clock that moves only when told: two free failures, then 1 s doubling up to 4 s; an
 * address or user forgotten 1 min after its last check or failure.
 */
class LoginBrakeTest {
    private static final InetAddress ADDRESS = address("192.0.2.7");
    private static final InetAddress OTHER_ADDRESS = address("192.0.2.8");

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final LoginBrake brake = new LoginBrake(new BrakeSettings(Pop3xSettings.of(Map.of(
        "brake.initial-delay", "1s", "brake.max-delay", "4s", "brake.forget-after", "1m"))), clock, new RecordingMetricFactory());

    @Test
    void theCheckAfterTheFreeFailuresIsMadeAtOnceAndTheNextWaitsTheInitialDelay() {
        failOnce(ADDRESS, "bob");
        failOnce(ADDRESS, "bob");
        Admission third = brake.admit(ADDRESS, "bob").orElseThrow();
        assertThat(third.waitBeforeCheck()).isZero();
        brake.failed(third, "bob");
        assertThat(waitOf(brake.admit(OTHER_ADDRESS, "bob"))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theSpacingDoublesUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            failOnce(ADDRESS, "bob");
        }
        assertThat(spacingOfNextChecks(ADDRESS, "bob", 4))
            .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4));
    }

    @Test
    void aCheckThatWouldWaitBeyondTheMaximumIsNotMade() {
        for (int i = 0; i < 5; i++) {
            failOnce(ADDRESS, "bob");
        }
        assertThat(brake.admit(ADDRESS, "bob")).isPresent();
        assertThat(brake.admit(OTHER_ADDRESS, "bob")).as("a second check while the first waits").isEmpty();
    }

    @Test
    void checksInFlightForOneUserCountAsFailures() {
        assertThat(waitOf(brake.admit(address("192.0.2.1"), "bob"))).isZero();
        assertThat(waitOf(brake.admit(address("192.0.2.2"), "bob"))).isZero();
        assertThat(waitOf(brake.admit(address("192.0.2.3"), "bob"))).isZero();
        assertThat(waitOf(brake.admit(address("192.0.2.4"), "bob"))).as("a fourth check side by side").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void checksInFlightFromAnAddressThatNeverFailedAreNotSlowed() {
        for (int i = 0; i < 20; i++) {
            assertThat(waitOf(brake.admit(ADDRESS, "user-" + i))).as("user %d of a webmail", i).isZero();
        }
    }

    @Test
    void checksInFlightFromAnAddressThatFailedCountAsFailures() {
        failOnce(ADDRESS, "user-0");
        assertThat(waitOf(brake.admit(ADDRESS, "user-1"))).isZero();
        assertThat(waitOf(brake.admit(ADDRESS, "user-2"))).isZero();
        assertThat(waitOf(brake.admit(ADDRESS, "user-3"))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aSuccessForgetsTheUsersFailuresNotTheAddresss() {
        for (int i = 0; i < 3; i++) {
            failOnce(ADDRESS, "bob");
        }
        clock.advance(Duration.ofSeconds(4));
        brake.succeeded(brake.admit(ADDRESS, "bob").orElseThrow());
        assertThat(waitOf(brake.admit(OTHER_ADDRESS, "bob"))).as("bob from elsewhere").isZero();
        assertThat(waitOf(brake.admit(ADDRESS, "alice"))).as("alice from bob's address").isPositive();
    }

    @Test
    void aUserIsRememberedForgetAfterItsLastCheckOrFailureAndForgottenThen() {
        for (int i = 0; i < 4; i++) {
            failOnce(ADDRESS, "bob");
        }
        clock.advance(Duration.ofSeconds(60));
        assertThat(waitsOfTwoChecksSideBySide("bob")).as("a minute after the last failure").containsExactly(Duration.ZERO, Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(10));
        assertThat(waitsOfTwoChecksSideBySide("bob")).as("10 s after the last check").containsExactly(Duration.ZERO, Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(65));
        assertThat(waitsOfTwoChecksSideBySide("bob")).as("more than a minute after the last check").containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void aUserNameCountsInLowerCaseAndAnIpv6AddressAsItsNetwork() {
        InetAddress first = address("2001:db8:1:2::10");
        InetAddress sameNetwork = address("2001:db8:1:2:ffff::1");
        for (int i = 0; i < 3; i++) {
            failOnce(first, "Bob@Example.com");
        }
        assertThat(waitOf(brake.admit(sameNetwork, "carol"))).as("another host of the /64").isPositive();
        assertThat(waitOf(brake.admit(OTHER_ADDRESS, "bob@example.com"))).as("the same user in lower case").isPositive();
    }

    /** A check made at once and failed, the clock moved past its wait. */
    private void failOnce(InetAddress address, String user) {
        Admission admission = brake.admit(address, user).orElseThrow();
        clock.advance(admission.waitBeforeCheck());
        brake.failed(admission, user);
    }

    /** Two checks for the user from addresses of their own, side by side, then abandoned (the clients left). */
    private List<Duration> waitsOfTwoChecksSideBySide(String user) {
        Admission first = brake.admit(address("198.51.100.1"), user).orElseThrow();
        Admission second = brake.admit(address("198.51.100.2"), user).orElseThrow();
        brake.abandoned(first);
        brake.abandoned(second);
        return List.of(first.waitBeforeCheck(), second.waitBeforeCheck());
    }

    private List<Duration> spacingOfNextChecks(InetAddress address, String user, int checks) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < checks; i++) {
            Admission admission = brake.admit(address, user).orElseThrow();
            waits.add(admission.waitBeforeCheck());
            clock.advance(admission.waitBeforeCheck());
            brake.failed(admission, user);
        }
        return waits;
    }

    private static Duration waitOf(Optional<Admission> admission) {
        assertThat(admission).as("the check is admitted").isPresent();
        return admission.get().waitBeforeCheck();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
