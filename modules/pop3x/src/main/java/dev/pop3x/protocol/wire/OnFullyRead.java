package dev.pop3x.protocol.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Runs an action once, when the stream has been read to its end (not when it is closed early). */
public final class OnFullyRead extends FilterInputStream {
    private final Runnable action;
    private boolean done;

    public OnFullyRead(InputStream in, Runnable action) {
        super(in);
        this.action = action;
    }

    @Override
    public int read() throws IOException {
        return reached(in.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return reached(in.read(buffer, offset, length));
    }

    private int reached(int result) {
        if (result == -1 && !done) {
            done = true;
            action.run();
        }
        return result;
    }
}
