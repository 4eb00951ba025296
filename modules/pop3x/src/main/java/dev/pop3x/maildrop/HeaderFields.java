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

    /**
     * The same field read from a message held in memory, as {@link #first(InputStream, String)} reads it (lines end at
     * LF, a CR before it dropped), without copying more than the field.
     */
    public static Optional<String> first(byte[] message, String name) {
        byte[] prefix = (name + ":").getBytes(StandardCharsets.US_ASCII);
        StringBuilder field = null;
        int start = 0;
        while (start < message.length) {
            int end = start;
            while (end < message.length && message[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && message[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == start) {
                break;
            }
            boolean continuation = message[start] == ' ' || message[start] == '\t';
            if (field != null) {
                if (!continuation) {
                    break;
                }
                field.append(new String(message, start, lineEnd - start, StandardCharsets.ISO_8859_1));
            } else if (startsWithIgnoringCase(message, start, lineEnd, prefix)) {
                field = new StringBuilder(new String(message, start + prefix.length, lineEnd - start - prefix.length, StandardCharsets.ISO_8859_1));
            }
            start = end + 1;
        }
        return Optional.ofNullable(field).map(StringBuilder::toString);
    }

    private static boolean startsWithIgnoringCase(byte[] message, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase((char) (message[start + i] & 0xff)) != Character.toLowerCase((char) prefix[i])) {
                return false;
            }
        }
        return true;
    }
}
