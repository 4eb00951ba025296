package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.io.OutputStream;

/** Writes one message, as it travels (CRLF line ends), to a stream: delivery never holds a whole message in memory. */
@FunctionalInterface
public interface MessageWriter {
    void writeTo(OutputStream out) throws IOException;
}
