package dev.pop3x.protocol;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

/**
 * The replies of one session on their way out: each goes to James as a stream, and Netty reads a stream only while
 * the connection can take more (its outbound buffer is below the high-water mark). A reply Netty has not read to its
 * end is <em>unconsumed</em>: the client is not reading what it was sent. While one is, {@link SessionInput} holds
 * the next commands and stops reading, so a client that pipelines commands and never reads the replies costs the
 * server one reply in memory, not one per command (and, for RETR, not one open message per command).
 *
 * <p>The stream's progress also tells when the session last did something, for the take-over of an idle maildrop
 * holder. Every call happens on the connection's event loop, where Netty reads the streams.
 */
final class SessionOutput {
    private final Clock clock;
    private int unconsumed;
    private volatile Instant lastProgress;
    private Runnable whenConsumed = () -> { };

    SessionOutput(Clock clock) {
        this.clock = clock;
        this.lastProgress = clock.instant();
    }

    /** The reply as it is handed to James: counted until Netty has read it to its end, or it is closed. */
    InputStream track(InputStream reply) {
        unconsumed++;
        return new Tracked(reply);
    }

    /** Whether a reply handed to James is still not read in full: the client is not reading. */
    boolean backlogged() {
        return unconsumed > 0;
    }

    /** Runs once the last unconsumed reply is taken in full. */
    void whenConsumed(Runnable action) {
        whenConsumed = action;
    }

    /** When a reply last moved towards the client (or the session started). */
    Instant lastProgress() {
        return lastProgress;
    }

    private void consumed() {
        unconsumed--;
        if (unconsumed == 0) {
            whenConsumed.run();
        }
    }

    private final class Tracked extends FilterInputStream {
        private boolean done;

        Tracked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return progressed(in.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return progressed(in.read(buffer, offset, length));
        }

        private int progressed(int result) {
            lastProgress = clock.instant();
            if (result == -1) {
                finish();
            }
            return result;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                finish();
            }
        }

        private void finish() {
            if (!done) {
                done = true;
                consumed();
            }
        }
    }
}
