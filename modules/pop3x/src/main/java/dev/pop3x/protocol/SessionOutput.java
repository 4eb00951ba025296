package dev.pop3x.protocol;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;

import dev.pop3x.protocol.wire.ReadOffLoop;
import dev.pop3x.protocol.wire.WholeOctets;

/**
 * The replies of one session on their way out: each goes to James as a stream, which Netty reads only while the
 * connection can take more, or, when it is all in memory and short, as {@link WholeOctets} written at once. Reading
 * them (or their write) tells when a reply last moved towards the client (for the idle timeout and
 * the take-over of an idle maildrop holder) and how many octets the session sent.
 */
final class SessionOutput {
    private final Clock clock;
    private volatile Instant lastProgress;
    private volatile long octets;

    SessionOutput(Clock clock) {
        this.clock = clock;
        this.lastProgress = clock.instant();
    }

    /** The reply as it is handed to James, followed as Netty reads it. */
    InputStream track(InputStream reply) {
        if (reply instanceof WholeOctets) {
            WholeOctets whole = (WholeOctets) reply;
            return whole.whenSent(() -> progressed(whole.length()));
        }
        if (reply instanceof ReadOffLoop) {
            // read ahead off the event loop: followed as its parts are handed to the connection, on its event loop
            return ((ReadOffLoop) reply).whenHandedOver(this::progressed);
        }
        return new Tracked(reply);
    }

    private void progressed(int sent) {
        lastProgress = clock.instant();
        if (sent > 0) {
            // on the connection's event loop only: no lost update
            octets += sent;
        }
    }

    /** When a reply last moved towards the client (or the session started). */
    Instant lastProgress() {
        return lastProgress;
    }

    /** Octets of replies handed to the connection so far. */
    long octets() {
        return octets;
    }

    private final class Tracked extends FilterInputStream {
        Tracked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int result = in.read();
            progressed(result == -1 ? -1 : 1);
            return result;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return progressed(in.read(buffer, offset, length));
        }

        private int progressed(int read) {
            SessionOutput.this.progressed(read);
            return read;
        }
    }
}
