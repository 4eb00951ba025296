package dev.pop3x.maildrop;

import java.util.OptionalLong;

/** A maildrop owner's quota: usage and limits in octets and messages (a limit may be absent: unlimited). */
public final class QuotaUsage {
    public static final QuotaUsage UNLIMITED = new QuotaUsage(0, OptionalLong.empty(), 0, OptionalLong.empty());

    private final long octets;
    private final OptionalLong maxOctets;
    private final long messages;
    private final OptionalLong maxMessages;

    public QuotaUsage(long octets, OptionalLong maxOctets, long messages, OptionalLong maxMessages) {
        this.octets = octets;
        this.maxOctets = maxOctets;
        this.messages = messages;
        this.maxMessages = maxMessages;
    }

    public long octets() {
        return octets;
    }

    public OptionalLong maxOctets() {
        return maxOctets;
    }

    public long messages() {
        return messages;
    }

    public OptionalLong maxMessages() {
        return maxMessages;
    }

    /** The fuller of the two, in percent of its limit; 0 when nothing is limited. */
    public int percentFull() {
        return Math.max(percent(octets, maxOctets), percent(messages, maxMessages));
    }

    private static int percent(long used, OptionalLong limit) {
        return limit.isPresent() && limit.getAsLong() > 0 ? (int) Math.min(1000, used * 100 / limit.getAsLong()) : 0;
    }

    /** Whether one more message of this size would go over a limit (a limit of 0 is none, as in Maildir++). */
    public boolean refuses(long messageOctets) {
        return (maxOctets.isPresent() && maxOctets.getAsLong() > 0 && octets + messageOctets > maxOctets.getAsLong())
            || (maxMessages.isPresent() && maxMessages.getAsLong() > 0 && messages + 1 > maxMessages.getAsLong());
    }

    public QuotaUsage without(long removedOctets, long removedMessages) {
        return new QuotaUsage(octets - removedOctets, maxOctets, messages - removedMessages, maxMessages);
    }

    @Override
    public String toString() {
        return octets + "/" + (maxOctets.isPresent() ? maxOctets.getAsLong() : "unlimited") + " octets, "
            + messages + "/" + (maxMessages.isPresent() ? maxMessages.getAsLong() : "unlimited") + " messages";
    }
}
