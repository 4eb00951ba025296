package dev.pop3x.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import dev.pop3x.maildrop.HeaderFields;

/** A message's {@code Message-ID} header field (RFC 5322 section 3.6.4), as an import compares it. */
public final class MessageIdField {
    private MessageIdField() {
    }

    /**
     * The field's value without folding and white space, up to and with the first {@code >} when it starts with
     * {@code <}: {@code " <a@b> (comment)"} and {@code "<a@b>"} compare equal.
     */
    static String normalize(String value) {
        StringBuilder kept = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != 0x0B) {
                kept.append(c);
            }
        }
        String compact = kept.toString();
        int end = compact.indexOf('>');
        return compact.startsWith("<") && end > 0 ? compact.substring(0, end + 1) : compact;
    }

    /** The first Message-ID field of the header section, normalized; empty when there is none. */
    public static Optional<String> read(InputStream message) throws IOException {
        return HeaderFields.first(message, "Message-ID").map(MessageIdField::normalize).filter(value -> !value.isEmpty());
    }

    /**
     * The first Message-ID field's value as it stands in a message held in memory (as RETR sends it: dot-stuffing
     * never touches a header field's name), folded lines joined, not yet normalized ({@link #of}): what is cheap to
     * keep for a message that may be deleted later.
     */
    public static Optional<String> rawValue(byte[] message) {
        return HeaderFields.first(message, "Message-ID");
    }

    /** A field value as {@link #rawValue} gives it, normalized; empty when nothing is left of it. */
    public static Optional<String> of(String rawValue) {
        return Optional.of(normalize(rawValue)).filter(value -> !value.isEmpty());
    }
}
