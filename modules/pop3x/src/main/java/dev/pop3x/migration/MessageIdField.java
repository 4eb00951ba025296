package dev.pop3x.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** A message's {@code Message-ID} header field (RFC 5322 section 3.6.4), as an import compares it. */
public final class MessageIdField {
    private static final String NAME = "message-id:";

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
        BufferedReader lines = new BufferedReader(new InputStreamReader(message, StandardCharsets.ISO_8859_1));
        StringBuilder field = null;
        for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (field != null) {
                if (continuation) {
                    field.append(line);
                    continue;
                }
                break;
            }
            if (line.toLowerCase(Locale.ROOT).startsWith(NAME)) {
                field = new StringBuilder(line.substring(NAME.length()));
            }
        }
        return Optional.ofNullable(field).map(value -> normalize(value.toString())).filter(value -> !value.isEmpty());
    }
}
