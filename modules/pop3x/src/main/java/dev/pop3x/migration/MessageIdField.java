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
        String compact = value.replaceAll("\\s+", "");
        int end = compact.indexOf('>');
        return compact.startsWith("<") && end > 0 ? compact.substring(0, end + 1) : compact;
    }

    /** The first Message-ID field of the header section, normalized; empty when there is none. */
    public static Optional<String> read(InputStream message) throws IOException {
        return HeaderFields.first(message, "Message-ID").map(MessageIdField::normalize).filter(value -> !value.isEmpty());
    }

    /** The same, from a message held in memory (as RETR sends it: dot-stuffing never touches a header field's name). */
    public static Optional<String> read(byte[] message) {
        return HeaderFields.first(message, "Message-ID").map(MessageIdField::normalize).filter(value -> !value.isEmpty());
    }
}
