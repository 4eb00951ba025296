package dev.pop3x.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The header block at the start of a message: its fields, up to and with the empty line that ends them. */
final class HeaderBlock {
    private HeaderBlock() {
    }

    /**
     * Reads the header block from a buffered stream, copying each octet of it to {@code copy}, and leaves the stream
     * at the first octet of the body. A line end is LF, with or without its CR; a message with no empty line is all
     * header.
     */
    static void readThrough(InputStream in, OutputStream copy) throws IOException {
        boolean lineStart = true;
        for (int b = in.read(); b != -1; b = in.read()) {
            copy.write(b);
            if (b == '\n') {
                if (lineStart) {
                    return;
                }
                lineStart = true;
            } else if (b != '\r') {
                lineStart = false;
            }
        }
    }
}
