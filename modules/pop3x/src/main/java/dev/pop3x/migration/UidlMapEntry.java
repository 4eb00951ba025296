package dev.pop3x.migration;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * One message of the previous server's maildrop, as an import names it: the unique-id that server gave it, and how to
 * find it here, either its {@code Message-ID} header field with its size as that server's LIST gave it, or the SHA-256
 * of the message as its RETR sent it (CRLF line ends, before byte-stuffing), or the {@link HeaderDigest} of its
 * header section with its size (a copy of the same size is preferred; the size may differ where the move added a
 * field).
 */
public final class UidlMapEntry {
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    private final String uidl;
    private final Optional<String> messageId;
    private final OptionalLong octets;
    private final Optional<String> sha256;
    private final Optional<String> headerDigest;

    private UidlMapEntry(String uidl, Optional<String> messageId, OptionalLong octets, Optional<String> sha256, Optional<String> headerDigest) {
        this.uidl = uidl;
        this.messageId = messageId;
        this.octets = octets;
        this.sha256 = sha256;
        this.headerDigest = headerDigest;
    }

    /** Found by its Message-ID and its size. */
    public static UidlMapEntry byMessageId(String uidl, String messageId, long octets) {
        String normalized = MessageIdField.normalize(messageId);
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("an empty messageId for unique-id '" + uidl + "'");
        }
        if (octets < 0) {
            throw new IllegalArgumentException("negative octets " + octets + " for unique-id '" + uidl + "'");
        }
        return new UidlMapEntry(checked(uidl), Optional.of(normalized), OptionalLong.of(octets), Optional.empty(), Optional.empty());
    }

    /** Found by the SHA-256 of its content, in hex. */
    public static UidlMapEntry byDigest(String uidl, String sha256) {
        String lower = sha256.toLowerCase(Locale.ROOT);
        if (!SHA_256.matcher(lower).matches()) {
            throw new IllegalArgumentException("sha256 of unique-id '" + uidl + "' is not 64 hex digits: '" + sha256 + "'");
        }
        return new UidlMapEntry(checked(uidl), Optional.empty(), OptionalLong.empty(), Optional.of(lower), Optional.empty());
    }

    /** Found by the {@link HeaderDigest} of its header section, preferring a message of its size. */
    public static UidlMapEntry byHeaders(String uidl, String headerDigest, long octets) {
        String lower = headerDigest.toLowerCase(Locale.ROOT);
        if (!SHA_256.matcher(lower).matches()) {
            throw new IllegalArgumentException("headerDigest of unique-id '" + uidl + "' is not 64 hex digits: '" + headerDigest + "'");
        }
        if (octets < 0) {
            throw new IllegalArgumentException("negative octets " + octets + " for unique-id '" + uidl + "'");
        }
        return new UidlMapEntry(checked(uidl), Optional.empty(), OptionalLong.of(octets), Optional.empty(), Optional.of(lower));
    }

    private static String checked(String uidl) {
        Objects.requireNonNull(uidl, "uidl");
        if (!MaildropMessage.isUniqueId(uidl)) {
            throw new IllegalArgumentException("not an RFC 1939 unique-id (1 to 70 characters from 0x21 to 0x7E): '" + uidl + "'");
        }
        return uidl;
    }

    public String uidl() {
        return uidl;
    }

    /** The normalized Message-ID ({@link MessageIdField#normalize}), when found by it. */
    public Optional<String> messageId() {
        return messageId;
    }

    public OptionalLong octets() {
        return octets;
    }

    /** The lower-case hex SHA-256, when found by it. */
    public Optional<String> sha256() {
        return sha256;
    }

    /** The lower-case hex {@link HeaderDigest}, when found by it. */
    public Optional<String> headerDigest() {
        return headerDigest;
    }

    @Override
    public String toString() {
        return uidl + sha256.map(digest -> " sha256=" + digest)
            .or(() -> headerDigest.map(digest -> " headerDigest=" + digest + " octets=" + octets.getAsLong()))
            .orElseGet(() -> " messageId=" + messageId.orElseThrow() + " octets=" + octets.getAsLong());
    }
}
