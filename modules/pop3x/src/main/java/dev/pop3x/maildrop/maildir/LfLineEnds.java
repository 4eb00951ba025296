package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a message the way Maildir files are conventionally stored: CRLF line ends become LF (a lone CR stays),
 * and a last line without its end gets one. Counts, as it goes, the octets stored and the size with CRLF line
 * ends (what POP3 sends), so that a message of any size is delivered without being held in memory.
 */
final class LfLineEnds extends OutputStream {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int buffered;
    private boolean pendingCr;
    private int lastStored = -1;
    private long storedOctets;
    private long virtualOctets;
    private boolean finished;

    LfLineEnds(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        accept((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            accept(bytes[i]);
        }
    }

    private void accept(byte b) throws IOException {
        if (finished) {
            throw new IOException("The message is already finished");
        }
        if (pendingCr) {
            pendingCr = false;
            if (b == '\n') {
                store(b);
                return;
            }
            store((byte) '\r');
        }
        if (b == '\r') {
            pendingCr = true;
        } else {
            store(b);
        }
    }

    private void store(byte b) throws IOException {
        if (buffered == BUFFER) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
        buffer[buffered++] = b;
        storedOctets++;
        virtualOctets += (b == '\n' && lastStored != '\r') ? 2 : 1;
        lastStored = b;
    }

    /** Ends the last line if it has no end and writes out what is buffered; the counts are final after it. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        if (pendingCr) {
            pendingCr = false;
            store((byte) '\r');
        }
        if (storedOctets > 0 && lastStored != '\n') {
            store((byte) '\n');
        }
        out.write(buffer, 0, buffered);
        buffered = 0;
        out.flush();
        finished = true;
    }

    long storedOctets() {
        return storedOctets;
    }

    /** The size with CRLF line ends, as RETR sends the message before byte-stuffing. */
    long virtualOctets() {
        return virtualOctets;
    }

    /** Flushes without ending the message; {@link #finish} ends it. */
    @Override
    public void flush() throws IOException {
        out.write(buffer, 0, buffered);
        buffered = 0;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}
