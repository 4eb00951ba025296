package dev.pop3x.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The brute-force brake: after {@code brake.free-failures} failed logins from one address or for one user, each
 * further failure is answered after a delay that doubles from {@code brake.initial-delay} up to
 * {@code brake.max-delay}. An address or user is forgotten {@code brake.forget-after} its last failure.
 */
public final class BrakeSettings {
    public static final Setting<Integer> FREE_FAILURES = Setting.integer("brake.free-failures", 2, 0, 1000);
    public static final Setting<Duration> INITIAL_DELAY =
        Setting.duration("brake.initial-delay", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(1));
    public static final Setting<Duration> MAX_DELAY =
        Setting.duration("brake.max-delay", Duration.ofSeconds(15), Duration.ZERO, Duration.ofMinutes(5));
    public static final Setting<Duration> FORGET_AFTER =
        Setting.duration("brake.forget-after", Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofDays(1));

    static final List<Setting<?>> ALL = List.of(FREE_FAILURES, INITIAL_DELAY, MAX_DELAY, FORGET_AFTER);

    private final int freeFailures;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration forgetAfter;

    public BrakeSettings(int freeFailures, Duration initialDelay, Duration maxDelay, Duration forgetAfter) {
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new InvalidSettingException(MAX_DELAY.key(), "'" + MAX_DELAY.key() + "' (" + Setting.print(maxDelay)
                + ") must not be shorter than '" + INITIAL_DELAY.key() + "' (" + Setting.print(initialDelay) + ")");
        }
        this.freeFailures = freeFailures;
        this.initialDelay = Objects.requireNonNull(initialDelay);
        this.maxDelay = Objects.requireNonNull(maxDelay);
        this.forgetAfter = Objects.requireNonNull(forgetAfter);
    }

    public static BrakeSettings from(SettingsFile file) {
        return new BrakeSettings(file.get(FREE_FAILURES), file.get(INITIAL_DELAY), file.get(MAX_DELAY), file.get(FORGET_AFTER));
    }

    public int freeFailures() {
        return freeFailures;
    }

    /** The delay before the answer to the n-th failure in a row (n from 1). */
    public Duration delayAfter(int failures) {
        int penalised = failures - freeFailures;
        if (penalised <= 0 || initialDelay.isZero()) {
            return Duration.ZERO;
        }
        Duration delay = initialDelay;
        for (int i = 1; i < penalised && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    public Duration forgetAfter() {
        return forgetAfter;
    }

    @Override
    public String toString() {
        return "BrakeSettings{freeFailures=" + freeFailures + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
            + ", forgetAfter=" + forgetAfter + "}";
    }
}
