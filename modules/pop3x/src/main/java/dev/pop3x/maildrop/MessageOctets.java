package dev.pop3x.maildrop;

import java.io.IOException;
import java.io.InputStream;

/** The size of a message as POP3 sends it (before byte-stuffing): each LF not preceded by CR counts as CRLF. */
public final class MessageOctets {
    private MessageOctets() {
    }

    public static long withCrlfLineEnds(InputStream message) throws IOException {
        long size = 0;
        long bareLineFeeds = 0;
        byte previous = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int read = message.read(buffer); read != -1; read = message.read(buffer)) {
            if (read == 0) {
                continue;
            }
            if (buffer[0] == '\n' && previous != '\r') {
                bareLineFeeds++;
            }
            for (int i = 1; i < read; i++) {
                if (buffer[i] == '\n' && buffer[i - 1] != '\r') {
                    bareLineFeeds++;
                }
            }
            size += read;
            previous = buffer[read - 1];
        }
        return size + bareLineFeeds;
    }
}
