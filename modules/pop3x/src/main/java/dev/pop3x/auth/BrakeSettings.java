package dev.pop3x.auth;

import java.time.Duration;
import java.util.List;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.pop3x.config.InvalidSettingException;
import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/**
 * The brute-force brake: after {@code brake.free-failures} failed logins from one address or for one user, each
 * further check of credentials for them waits, after the previous one, a delay that doubles from
 * {@code brake.initial-delay} up to {@code brake.max-delay}. An address or user is forgotten
 * {@code brake.forget-after} its last check or failure.
 */
@Singleton
public final class BrakeSettings {
    public static final Setting<Integer> FREE_FAILURES = Setting.integer("brake.free-failures", 2, 0, 1000);
    public static final Setting<Duration> INITIAL_DELAY =
        Setting.duration("brake.initial-delay", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(1));
    public static final Setting<Duration> MAX_DELAY =
        Setting.duration("brake.max-delay", Duration.ofSeconds(15), Duration.ZERO, Duration.ofMinutes(5));
    public static final Setting<Duration> FORGET_AFTER =
        Setting.duration("brake.forget-after", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(1));

    public static final List<Setting<?>> ALL = List.of(FREE_FAILURES, INITIAL_DELAY, MAX_DELAY, FORGET_AFTER);

    private final Settings values;

    /** @throws InvalidSettingException when brake.max-delay is shorter than brake.initial-delay */
    @Inject
    public BrakeSettings(Settings values) {
        if (values.get(MAX_DELAY).compareTo(values.get(INITIAL_DELAY)) < 0) {
            throw new InvalidSettingException(MAX_DELAY.key(), "'" + MAX_DELAY.key() + "' (" + Setting.print(values.get(MAX_DELAY))
                + ") must not be shorter than '" + INITIAL_DELAY.key() + "' (" + Setting.print(values.get(INITIAL_DELAY)) + ")");
        }
        this.values = values;
    }

    public int freeFailures() {
        return values.get(FREE_FAILURES);
    }

    /** The delay between the check after n failures in a row (n from 0) and the check before it. */
    public Duration delayAfter(int failures) {
        Duration initial = values.get(INITIAL_DELAY);
        Duration max = values.get(MAX_DELAY);
        int penalised = failures - freeFailures();
        if (penalised <= 0 || initial.isZero()) {
            return Duration.ZERO;
        }
        Duration delay = initial;
        for (int i = 1; i < penalised && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    public Duration maxDelay() {
        return values.get(MAX_DELAY);
    }

    public Duration forgetAfter() {
        return values.get(FORGET_AFTER);
    }
}
