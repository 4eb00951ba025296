package dev.pop3x.maildrop;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

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
    private final long storedOctets;
    private final Instant received;
    private final Optional<Instant> retrieved;

    /**
     * What a message is listed as when a unique-id imported for another message ({@code /pop3x/uidls}) is the one its
     * backend gives it (mail that came after the import, named as the previous server named another): two messages
     * never answer one unique-id.
     */
    public static final String SHADOWED_PREFIX = "pop3x-";

    /** The backend's own unique-id of a message listed as shadowed, or the unique-id itself. */
    public static String unshadowed(String listed, Predicate<String> imported) {
        if (listed.startsWith(SHADOWED_PREFIX) && imported.test(listed.substring(SHADOWED_PREFIX.length()))) {
            return listed.substring(SHADOWED_PREFIX.length());
        }
        return listed;
    }

    /** Whether the text may be a unique-id: 1 to 70 characters from 0x21 to 0x7E (RFC 1939). */
    public static boolean isUniqueId(String text) {
        return !text.isEmpty() && text.length() <= MAX_UNIQUE_ID_LENGTH && UNIQUE_ID_CHARACTERS.matchesAllOf(text);
    }

    /** A message stored as RETR sends it: the quota counts what RETR sends. */
    public MaildropMessage(String uniqueId, long octets, Instant received, Optional<Instant> retrieved) {
        this(uniqueId, octets, octets, received, retrieved);
    }

    /**
     * @param octets its size as RETR sends it (CRLF line ends, before byte-stuffing)
     * @param storedOctets its size as the backend stores it and its quota counts it (a Maildir file with LF ends)
     */
    public MaildropMessage(String uniqueId, long octets, long storedOctets, Instant received, Optional<Instant> retrieved) {
        Objects.requireNonNull(uniqueId, "uniqueId");
        if (!isUniqueId(uniqueId)) {
            throw new IllegalArgumentException("Not an RFC 1939 unique-id: '" + uniqueId + "'");
        }
        if (octets < 0 || storedOctets < 0) {
            throw new IllegalArgumentException("Negative size " + octets + "/" + storedOctets + " for " + uniqueId);
        }
        this.uniqueId = uniqueId;
        this.octets = octets;
        this.storedOctets = storedOctets;
        this.received = Objects.requireNonNull(received, "received");
        this.retrieved = Objects.requireNonNull(retrieved, "retrieved");
    }

    public String uniqueId() {
        return uniqueId;
    }

    public long octets() {
        return octets;
    }

    /** Its size as stored, which is what quotas count and what removing it frees. */
    public long storedOctets() {
        return storedOctets;
    }

    public Instant received() {
        return received;
    }

    /** When a client first retrieved it in full (RETR, or a TOP that sent all of it); empty if none has. */
    public Optional<Instant> retrieved() {
        return retrieved;
    }

    /** The same message, retrieved at that time unless it already was. */
    public MaildropMessage retrievedAt(Instant when) {
        return retrieved.isPresent() ? this : new MaildropMessage(uniqueId, octets, storedOctets, received, Optional.of(when));
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
