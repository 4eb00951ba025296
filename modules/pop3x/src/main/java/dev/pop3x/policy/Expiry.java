package dev.pop3x.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How long retrieved mail stays on the server, as RFC 2449's EXPIRE capability states it: a number of days, or
 * NEVER.
 */
public final class Expiry implements Comparable<Expiry> {
    public static final Expiry NEVER = new Expiry(OptionalInt.empty());
    static final int MAX_DAYS = 36_500;

    private final OptionalInt days;

    private Expiry(OptionalInt days) {
        this.days = days;
    }

    public static Expiry days(int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("Expiry days out of range: " + days);
        }
        return new Expiry(OptionalInt.of(days));
    }

    /** "never" or a number of days from 0 to 36500. */
    static Optional<Expiry> parse(String text) {
        if (text.toLowerCase(Locale.ROOT).equals("never")) {
            return Optional.of(NEVER);
        }
        try {
            int days = Integer.parseInt(text);
            return days >= 0 && days <= MAX_DAYS ? Optional.of(days(days)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isNever() {
        return days.isEmpty();
    }

    public OptionalInt days() {
        return days;
    }

    /** The EXPIRE capability's argument: {@code NEVER} or the number of days. */
    public String asCapabilityArgument() {
        return days.isPresent() ? String.valueOf(days.getAsInt()) : "NEVER";
    }

    /** How it is written in pop3x.properties. */
    public String asSetting() {
        return days.isPresent() ? String.valueOf(days.getAsInt()) : "never";
    }

    /** Shorter retention first; NEVER is the longest. */
    @Override
    public int compareTo(Expiry other) {
        if (isNever() || other.isNever()) {
            return Boolean.compare(isNever(), other.isNever());
        }
        return Integer.compare(days.getAsInt(), other.days.getAsInt());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expiry && ((Expiry) o).days.equals(days);
    }

    @Override
    public int hashCode() {
        return days.hashCode();
    }

    @Override
    public String toString() {
        return asSetting();
    }
}
