package dev.pop3x.maildrop;

import java.io.IOException;
import java.io.InputStream;

/** The size of a message as POP3 sends it (before byte-stuffing): each LF not preceded by CR counts as CRLF. */
public final class MessageOctets {
    private MessageOctets() {
    }

    public static long withCrlfLineEnds(InputStream message) throws IOException {
        long size = 0;
        int previous = -1;
        byte[] buffer = new byte[64 * 1024];
        for (int read = message.read(buffer); read != -1; read = message.read(buffer)) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n' && previous != '\r') {
                    size++;
                }
                size++;
                previous = buffer[i];
            }
        }
        return size;
    }
}
