package dev.pop3x.maildrop;

import java.io.IOException;
import java.io.InputStream;

/** The size of a message as POP3 sends it (before byte-stuffing): each LF not preceded by CR counts as CRLF. */
public final class MessageOctets {
    private MessageOctets() {
    }

    public static long withCrlfLineEnds(InputStream message) throws IOException {
        long octets = 0;
        byte previous = 0;
        byte[] buffer = new byte[8 * 1024];
        for (int read = message.read(buffer); read != -1; read = message.read(buffer)) {
            if (read == 0) {
                continue;
            }
            octets += read + bareLineFeeds(buffer, read, previous);
            previous = buffer[read - 1];
        }
        return octets;
    }

    /** The same, of a whole message in memory. */
    public static long withCrlfLineEnds(byte[] message) {
        return message.length + bareLineFeeds(message, message.length, (byte) 0);
    }

    /** The LFs of {@code octets[0..length)} not preceded by CR; {@code previous} is the octet before the first. */
    private static long bareLineFeeds(byte[] octets, int length, byte previous) {
        long bare = 0;
        for (int lf = LineFeeds.next(octets, 0, length); lf < length; lf = LineFeeds.next(octets, lf + 1, length)) {
            if ((lf == 0 ? previous : octets[lf - 1]) != '\r') {
                bare++;
            }
        }
        return bare;
    }
}
