package dev.pop3x.maildrop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Reads a field of a message's header section (RFC 5322 section 2.2), up to the blank line that ends it. */
public final class HeaderFields {
    private HeaderFields() {
    }

    /** The value of the first field with this name (any case), its folded lines joined as they are; empty when none. */
    public static Optional<String> first(InputStream message, String name) throws IOException {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        BufferedReader lines = new BufferedReader(new InputStreamReader(message, StandardCharsets.ISO_8859_1));
        StringBuilder field = null;
        for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (field != null) {
                if (!continuation) {
                    break;
                }
                field.append(line);
            } else if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                field = new StringBuilder(line.substring(prefix.length()));
            }
        }
        return Optional.ofNullable(field).map(StringBuilder::toString);
    }
}
