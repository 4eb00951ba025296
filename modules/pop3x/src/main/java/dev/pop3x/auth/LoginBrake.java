package dev.pop3x.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.config.BrakeSettings;

/**
 * The brute-force brake: counts failed logins per client address and per user name, and tells how long the
 * answer to a failure must wait. The delay follows the larger of the two counts, so that neither guessing many
 * passwords for one user (from many addresses) nor many users from one address goes fast. A success forgets the
 * user's failures and is never slowed; an address's failures are forgotten {@code brake.forget-after} its last.
 *
 * <p>Counts go to James's metrics as {@code pop3x-login-failures} and {@code pop3x-login-failures-delayed}.
 * Shared by every POP3 session of the node. At most {@link #MAX_ENTRIES} addresses and users are tracked, the
 * stalest dropped first, so a flood of invented names cannot exhaust memory.
 */
@Singleton
public final class LoginBrake {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginBrake.class);
    static final int MAX_ENTRIES = 100_000;

    private final BrakeSettings settings;
    private final Clock clock;
    private final Metric failedLogins;
    private final Metric delayedAnswers;
    private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

    @Inject
    public LoginBrake(BrakeSettings settings, Clock clock, MetricFactory metricFactory) {
        this.settings = settings;
        this.clock = clock;
        this.failedLogins = metricFactory.generate("pop3x-login-failures");
        this.delayedAnswers = metricFactory.generate("pop3x-login-failures-delayed");
    }

    /** Records a failed login and returns how long its answer must wait. */
    public Duration failed(InetAddress address, String user) {
        Instant now = clock.instant();
        int byAddress = count(addressKey(address), now);
        int byUser = count(userKey(user), now);
        int worst = Math.max(byAddress, byUser);
        Duration delay = settings.delayAfter(worst);
        failedLogins.increment();
        if (delay.isZero()) {
            LOGGER.info("Failed login for '{}' from {}: failure {} for the address, {} for the user",
                user, address.getHostAddress(), byAddress, byUser);
        } else {
            delayedAnswers.increment();
            LOGGER.warn("Failed login for '{}' from {}: failure {} for the address, {} for the user; answer delayed {} ms",
                user, address.getHostAddress(), byAddress, byUser, delay.toMillis());
        }
        prune(now);
        return delay;
    }

    /** A successful login: the user's failures are forgotten. */
    public void succeeded(String user) {
        failures.remove(userKey(user));
    }

    private int count(String key, Instant now) {
        return failures.compute(key, (ignored, previous) -> previous == null || previous.isForgotten(now, settings.forgetAfter())
            ? new Failures(1, now)
            : new Failures(previous.count + 1, now)).count;
    }

    private void prune(Instant now) {
        if (failures.size() <= MAX_ENTRIES) {
            return;
        }
        failures.entrySet().removeIf(entry -> entry.getValue().isForgotten(now, settings.forgetAfter()));
        if (failures.size() > MAX_ENTRIES) {
            failures.entrySet().stream()
                .sorted((a, b) -> a.getValue().last.compareTo(b.getValue().last))
                .limit(failures.size() - MAX_ENTRIES)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList())
                .forEach(failures::remove);
        }
    }

    private static String addressKey(InetAddress address) {
        return "address:" + address.getHostAddress();
    }

    private static String userKey(String user) {
        return "user:" + user.toLowerCase(Locale.ROOT);
    }

    private static final class Failures {
        private final int count;
        private final Instant last;

        private Failures(int count, Instant last) {
            this.count = count;
            this.last = last;
        }

        private boolean isForgotten(Instant now, Duration forgetAfter) {
            return last.plus(forgetAfter).isBefore(now);
        }
    }
}
