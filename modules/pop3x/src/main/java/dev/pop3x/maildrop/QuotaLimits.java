package dev.pop3x.maildrop;

import java.util.Objects;
import java.util.OptionalLong;

/** A user's quota limits in octets and in messages; an absent limit is no limit. */
public final class QuotaLimits {
    private final OptionalLong maxOctets;
    private final OptionalLong maxMessages;

    public QuotaLimits(OptionalLong maxOctets, OptionalLong maxMessages) {
        this.maxOctets = Objects.requireNonNull(maxOctets);
        this.maxMessages = Objects.requireNonNull(maxMessages);
    }

    public OptionalLong maxOctets() {
        return maxOctets;
    }

    public OptionalLong maxMessages() {
        return maxMessages;
    }

    public boolean limitsAnything() {
        return maxOctets.isPresent() || maxMessages.isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuotaLimits && ((QuotaLimits) o).maxOctets.equals(maxOctets) && ((QuotaLimits) o).maxMessages.equals(maxMessages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxOctets, maxMessages);
    }

    @Override
    public String toString() {
        return (maxOctets.isPresent() ? maxOctets.getAsLong() : "unlimited") + " octets, "
            + (maxMessages.isPresent() ? maxMessages.getAsLong() : "unlimited") + " messages";
    }
}
