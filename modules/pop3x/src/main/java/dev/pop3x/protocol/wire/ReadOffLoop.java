package dev.pop3x.protocol.wire;

import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * A reply too large to hold in memory whose octets come from a file or a store as they are sent (a large message's
 * RETR): pop3x's listener reads it ahead on {@link #reader()}, the session's line of storage calls, never on the
 * connection's event loop, and hands what was read to the connection as it can take it. What must follow the octets
 * as they go (the session's output followed) runs on the event loop, as each part is handed over.
 */
public final class ReadOffLoop extends FilterInputStream {
    private final Executor reader;
    private final IntConsumer handedOver;

    public ReadOffLoop(InputStream in, Executor reader) {
        this(in, reader, octets -> { });
    }

    private ReadOffLoop(InputStream in, Executor reader, IntConsumer handedOver) {
        super(in);
        this.reader = reader;
        this.handedOver = handedOver;
    }

    /** Where the stream is read: the session's line of storage calls. */
    public Executor reader() {
        return reader;
    }

    /** The same reading for another stream around this one (the reply's status line before it, "." after it). */
    public ReadOffLoop around(InputStream whole) {
        return new ReadOffLoop(whole, reader, handedOver);
    }

    /** The same, with {@code action} told, on the event loop, how many octets each part handed over had. */
    public ReadOffLoop whenHandedOver(IntConsumer action) {
        return new ReadOffLoop(in, reader, handedOver.andThen(action));
    }

    /** A part of {@code octets} octets was handed to the connection (on its event loop). */
    public void handedOver(int octets) {
        handedOver.accept(octets);
    }
}
