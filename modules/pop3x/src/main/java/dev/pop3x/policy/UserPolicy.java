package dev.pop3x.policy;

import java.util.Objects;
import java.util.OptionalInt;

import org.apache.james.core.Username;

/**
 * One user's deletion policy: retention after retrieval, and the quota watermarks in percent (no high watermark:
 * no quota pressure).
 */
public final class UserPolicy {
    private final Expiry expiry;
    private final OptionalInt highPercent;
    private final int lowPercent;

    public UserPolicy(Expiry expiry, OptionalInt highPercent, int lowPercent) {
        int high = highPercent.orElse(101);
        if (lowPercent < 0 || lowPercent > 100 || (highPercent.isPresent() && (high < 1 || high > 100 || lowPercent >= high))) {
            throw new IllegalArgumentException("Watermarks must satisfy 0 <= low < high <= 100, not low " + lowPercent + ", high " + highPercent);
        }
        this.expiry = Objects.requireNonNull(expiry);
        this.highPercent = highPercent;
        this.lowPercent = lowPercent;
    }

    public UserPolicy(Expiry expiry, int highPercent, int lowPercent) {
        this(expiry, OptionalInt.of(highPercent), lowPercent);
    }

    public static UserPolicy forUser(PolicySettings configuration, Username user) {
        return new UserPolicy(configuration.expire(user), configuration.quotaHigh(user), configuration.quotaLow(user));
    }

    public Expiry expiry() {
        return expiry;
    }

    public OptionalInt highPercent() {
        return highPercent;
    }

    public int lowPercent() {
        return lowPercent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserPolicy && ((UserPolicy) o).expiry.equals(expiry)
            && ((UserPolicy) o).highPercent.equals(highPercent) && ((UserPolicy) o).lowPercent == lowPercent;
    }

    @Override
    public int hashCode() {
        return Objects.hash(expiry, highPercent, lowPercent);
    }

    @Override
    public String toString() {
        return "expire " + expiry + ", quota " + (highPercent.isPresent() ? "from " + highPercent.getAsInt() + "% down to " + lowPercent + "%" : "off");
    }
}
