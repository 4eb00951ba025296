package dev.pop3x.maildrop;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.google.common.base.CharMatcher;

/**
 * One message of a maildrop as listed when the session opened it: its unique-id (RFC 1939 UIDL: 1 to 70
 * characters from 0x21 to 0x7E), its size in octets as RETR sends it, when it arrived, and when a client first
 * retrieved it in full (the retrieval ledger the deletion policy reads).
 */
public final class MaildropMessage {
    private static final CharMatcher UNIQUE_ID_CHARACTERS = CharMatcher.inRange((char) 0x21, (char) 0x7E);
    private static final int MAX_UNIQUE_ID_LENGTH = 70;

    private final String uniqueId;
    private final long octets;
    private final Instant received;
    private final Optional<Instant> retrieved;

    public MaildropMessage(String uniqueId, long octets, Instant received, Optional<Instant> retrieved) {
        Objects.requireNonNull(uniqueId, "uniqueId");
        if (uniqueId.isEmpty() || uniqueId.length() > MAX_UNIQUE_ID_LENGTH || !UNIQUE_ID_CHARACTERS.matchesAllOf(uniqueId)) {
            throw new IllegalArgumentException("Not an RFC 1939 unique-id: '" + uniqueId + "'");
        }
        if (octets < 0) {
            throw new IllegalArgumentException("Negative size " + octets + " for " + uniqueId);
        }
        this.uniqueId = uniqueId;
        this.octets = octets;
        this.received = Objects.requireNonNull(received, "received");
        this.retrieved = Objects.requireNonNull(retrieved, "retrieved");
    }

    public String uniqueId() {
        return uniqueId;
    }

    public long octets() {
        return octets;
    }

    public Instant received() {
        return received;
    }

    /** When a client first retrieved it in full (RETR, or a TOP that sent all of it); empty if none has. */
    public Optional<Instant> retrieved() {
        return retrieved;
    }

    /** Messages are the same message when their unique-ids are: the rest describes them. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MaildropMessage && ((MaildropMessage) o).uniqueId.equals(uniqueId);
    }

    @Override
    public int hashCode() {
        return uniqueId.hashCode();
    }

    @Override
    public String toString() {
        return uniqueId + "(" + octets + ")";
    }
}
