package dev.pop3x.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;

/**
 * The brute-force brake: bounds how often credentials are checked for one user name and from one client address,
 * whether or not the clients wait for the answers. Each check is admitted first ({@link #admit}); once a user or an
 * address has more than {@code brake.free-failures} failures, a check starts no sooner than
 * {@link BrakeSettings#delayAfter} those failures after the previous check for it started, the delay doubling from
 * {@code brake.initial-delay} to {@code brake.max-delay}. Checks admitted but not yet concluded count as failures
 * (for an address, once it has failed: many users log in at once from one webmail, NAT or fetchmail):
 * connections opened side by side get no more checks than one connection after another. A check that would wait
 * longer than {@code brake.max-delay} (another one for the same user or address is already waiting) is not made at
 * all: the client is told to try later. So once braked, a user's password is checked at most once per
 * {@code brake.max-delay} whatever the number of connections and addresses, and an address checks at most one
 * password per {@code brake.max-delay} whatever the number of users.
 *
 * <p>A success forgets the user's failures and is not slowed beyond the wait of its own check; an address's failures
 * stay (other users may share it). A user or address is forgotten {@code brake.forget-after} its last check or
 * failure. A user is the name as typed, in lower case, without a device tag; an IPv6 address is its /64 network
 * (what one subscriber gets).
 *
 * <p>Each failure is logged in the line James's own POP3 server writes, which CrowdSec's James parser and the
 * fail2ban filter of the operating guide read: {@code Bad credential supplied for USER with remote address IP}.
 * Counts go to James's metrics: {@code pop3x-login-failures}, {@code pop3x-login-failures-delayed} (failures after
 * which the next check waits), {@code pop3x-login-checks-delayed} (checks that waited) and
 * {@code pop3x-login-checks-refused} (checks not made). At most {@link #MAX_ENTRIES} addresses and users are
 * tracked, the stalest dropped first, so a flood of invented names cannot exhaust memory. Shared by every POP3
 * session of the node.
 */
@Singleton
public final class LoginBrake {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginBrake.class);
    static final int MAX_ENTRIES = 100_000;

    private final BrakeSettings settings;
    private final Clock clock;
    private final Metric failedLogins;
    private final Metric delayedAnswers;
    private final Metric delayedChecks;
    private final Metric refusedChecks;
    /** Guarded by this brake: an admission reads and changes two gates at once. */
    private final Map<String, Gate> gates = new HashMap<>();

    @Inject
    public LoginBrake(BrakeSettings settings, Clock clock, MetricFactory metricFactory) {
        this.settings = settings;
        this.clock = clock;
        this.failedLogins = metricFactory.generate("pop3x-login-failures");
        this.delayedAnswers = metricFactory.generate("pop3x-login-failures-delayed");
        this.delayedChecks = metricFactory.generate("pop3x-login-checks-delayed");
        this.refusedChecks = metricFactory.generate("pop3x-login-checks-refused");
    }

    /**
     * Asks to check credentials for the user from the address.
     *
     * @return when the check may start; empty when it may not be made now (the caller answers "try later")
     */
    public synchronized Optional<Admission> admit(InetAddress address, String user) {
        Instant now = clock.instant();
        String addressKey = addressKey(address);
        String userKey = userKey(user);
        Gate byAddress = gate(addressKey, now);
        Gate byUser = gate(userKey, now);
        Instant start = latest(now, latest(byAddress.nextCheckFromAddress(settings, now), byUser.nextCheck(settings, now)));
        Duration wait = Duration.between(now, start);
        if (wait.compareTo(settings.maxDelay()) > 0) {
            refusedChecks.increment();
            LOGGER.debug("Check for {} from {} not made: another one waits", Untrusted.word(user), address.getHostAddress());
            return Optional.empty();
        }
        gates.put(addressKey, byAddress.admitted(start));
        gates.put(userKey, byUser.admitted(start));
        if (!wait.isZero()) {
            delayedChecks.increment();
        }
        prune(now);
        return Optional.of(new Admission(address, addressKey, userKey, wait));
    }

    /**
     * A check that is made at once whatever the counts (a signed token, which cannot be guessed), whose failure still
     * counts.
     */
    public synchronized Admission admitAtOnce(InetAddress address, String user) {
        Instant now = clock.instant();
        String addressKey = addressKey(address);
        String userKey = userKey(user);
        gates.put(addressKey, gate(addressKey, now).admitted(now));
        gates.put(userKey, gate(userKey, now).admitted(now));
        prune(now);
        return new Admission(address, addressKey, userKey, Duration.ZERO);
    }

    /** The credentials were wrong: a failure for the address and the user, logged in James's words. */
    public synchronized void failed(Admission admission, String user) {
        String counts = count(admission);
        LOGGER.info("Bad credential supplied for {} with remote address {}; {}", Untrusted.word(user),
            admission.address.getHostAddress(), counts);
    }

    /**
     * The credentials were right but may not open the maildrop asked for (or it does not exist): counted as a
     * failure, since the client is told no more than for wrong credentials.
     */
    public synchronized void forbidden(Admission admission, String user, String requested) {
        String counts = count(admission);
        LOGGER.info("{} may not log in as {} (no such user, or not delegated) from {}; {}", Untrusted.word(user),
            Untrusted.word(requested), admission.address.getHostAddress(), counts);
    }

    private String count(Admission admission) {
        Instant now = clock.instant();
        Gate byAddress = gate(admission.addressKey, now).failed(now);
        Gate byUser = gate(admission.userKey, now).failed(now);
        gates.put(admission.addressKey, byAddress);
        gates.put(admission.userKey, byUser);
        failedLogins.increment();
        Duration next = settings.delayAfter(Math.max(byAddress.failures, byUser.failures));
        String counts = "failure " + byAddress.failures + " for the address, " + byUser.failures + " for the user";
        if (next.isZero()) {
            return counts;
        }
        delayedAnswers.increment();
        return counts + "; the next check waits " + next.toMillis() + " ms";
    }

    /** The credentials were right: the user's failures are forgotten. */
    public synchronized void succeeded(Admission admission) {
        Instant now = clock.instant();
        gates.put(admission.addressKey, gate(admission.addressKey, now).concluded());
        gates.remove(admission.userKey);
    }

    /** The check was not made after all (the client left while it waited, or the check could not be made). */
    public synchronized void abandoned(Admission admission) {
        Instant now = clock.instant();
        gates.put(admission.addressKey, gate(admission.addressKey, now).concluded());
        gates.put(admission.userKey, gate(admission.userKey, now).concluded());
    }

    private Gate gate(String key, Instant now) {
        Gate gate = gates.get(key);
        return gate == null || gate.isForgotten(now, settings.forgetAfter()) ? Gate.FRESH : gate;
    }

    private void prune(Instant now) {
        if (gates.size() <= MAX_ENTRIES) {
            return;
        }
        gates.entrySet().removeIf(entry -> entry.getValue().isForgotten(now, settings.forgetAfter()));
        if (gates.size() > MAX_ENTRIES) {
            List<String> stalest = gates.entrySet().stream()
                .sorted((a, b) -> a.getValue().lastActivity().compareTo(b.getValue().lastActivity()))
                .limit(gates.size() - MAX_ENTRIES)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
            stalest.forEach(gates::remove);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** An IPv4 address, or the /64 network of an IPv6 one. */
    static String addressKey(InetAddress address) {
        byte[] octets = address.getAddress();
        if (address instanceof Inet6Address && octets.length == 16) {
            StringBuilder network = new StringBuilder("address:");
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((octets[i] & 0xff) << 8) | (octets[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        }
        return "address:" + address.getHostAddress();
    }

    /**
     * The name as the caller gives it, in lower case: without a device tag ({@code protocol.DeviceTags#brakeName}: a tag
     * must not give a guesser a fresh user).
     */
    static String userKey(String user) {
        return "user:" + user.strip().toLowerCase(Locale.ROOT);
    }

    /** A check of credentials the brake let through: how long it waits before it starts. */
    public static final class Admission {
        private final InetAddress address;
        private final String addressKey;
        private final String userKey;
        private final Duration wait;

        private Admission(InetAddress address, String addressKey, String userKey, Duration wait) {
            this.address = address;
            this.addressKey = addressKey;
            this.userKey = userKey;
            this.wait = wait;
        }

        public Duration waitBeforeCheck() {
            return wait;
        }
    }

    /** What the brake knows of one address or user. */
    private static final class Gate {
        static final Gate FRESH = new Gate(0, 0, Instant.MIN);

        private final int failures;
        /** Checks admitted and not concluded yet. */
        private final int pending;
        /** When the last check admitted starts (maybe in the future), or the last failure, whichever is later. */
        private final Instant last;

        private Gate(int failures, int pending, Instant last) {
            this.failures = failures;
            this.pending = pending;
            this.last = last;
        }

        /** The earliest start of another check for a user: pending checks count as failures. */
        Instant nextCheck(BrakeSettings settings, Instant now) {
            return after(settings.delayAfter(failures + pending), now);
        }

        /**
         * The earliest start of another check from an address: pending checks count as failures once the address has
         * failed. Many users log in at once from one address that never fails (a webmail, a NAT, fetchmail polling
         * many accounts): they are not slowed; an address that guesses is, after its first failures.
         */
        Instant nextCheckFromAddress(BrakeSettings settings, Instant now) {
            return after(settings.delayAfter(failures == 0 ? 0 : failures + pending), now);
        }

        private Instant after(Duration spacing, Instant now) {
            return spacing.isZero() ? now : last.plus(spacing);
        }

        Gate admitted(Instant start) {
            return new Gate(failures, pending + 1, latest(last, start));
        }

        Gate failed(Instant now) {
            return new Gate(failures + 1, Math.max(0, pending - 1), latest(last, now));
        }

        Gate concluded() {
            return new Gate(failures, Math.max(0, pending - 1), last);
        }

        Instant lastActivity() {
            return last;
        }

        boolean isForgotten(Instant now, Duration forgetAfter) {
            return pending == 0 && last.plus(forgetAfter).isBefore(now);
        }
    }
}
