package dev.pop3x.maildrop;

import java.util.Objects;

import com.google.common.base.CharMatcher;

/**
 * One message of a maildrop as listed when the session opened it: its unique-id (RFC 1939 UIDL: 1 to 70
 * characters from 0x21 to 0x7E) and its size in octets.
 */
public final class MaildropMessage {
    private static final CharMatcher UNIQUE_ID_CHARACTERS = CharMatcher.inRange((char) 0x21, (char) 0x7E);
    private static final int MAX_UNIQUE_ID_LENGTH = 70;

    private final String uniqueId;
    private final long octets;

    public MaildropMessage(String uniqueId, long octets) {
        Objects.requireNonNull(uniqueId, "uniqueId");
        if (uniqueId.isEmpty() || uniqueId.length() > MAX_UNIQUE_ID_LENGTH || !UNIQUE_ID_CHARACTERS.matchesAllOf(uniqueId)) {
            throw new IllegalArgumentException("Not an RFC 1939 unique-id: '" + uniqueId + "'");
        }
        if (octets < 0) {
            throw new IllegalArgumentException("Negative size " + octets + " for " + uniqueId);
        }
        this.uniqueId = uniqueId;
        this.octets = octets;
    }

    public String uniqueId() {
        return uniqueId;
    }

    public long octets() {
        return octets;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaildropMessage && ((MaildropMessage) o).uniqueId.equals(uniqueId) && ((MaildropMessage) o).octets == octets;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uniqueId, octets);
    }

    @Override
    public String toString() {
        return uniqueId + "(" + octets + ")";
    }
}
