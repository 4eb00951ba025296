package dev.pop3x.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import dev.pop3x.protocol.wire.ReadOffLoop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.stream.ChunkedWriteHandler;

class ChunksReadAheadTest {
    /** The session's line of storage calls, run by the test: what runs there is read off the event loop. */
    private final Queue<Runnable> storageCalls = new ArrayDeque<>();
    private final Executor reader = storageCalls::add;
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChunkedWriteHandler());
    private final ChunkedWriteHandler writer = channel.pipeline().get(ChunkedWriteHandler.class);

    private static byte[] octets(int length) {
        byte[] octets = new byte[length];
        new Random(length).nextBytes(octets);
        return octets;
    }

    private ChannelFuture send(InputStream reply) {
        return channel.writeAndFlush(new ChunksReadAhead(new ReadOffLoop(reply, reader), writer::resumeTransfer));
    }

    private void runStorageCalls() {
        for (Runnable call = storageCalls.poll(); call != null; call = storageCalls.poll()) {
            call.run();
        }
    }

    private byte[] sent() {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            byte[] octets = new byte[part.readableBytes()];
            part.readBytes(octets);
            sent.writeBytes(octets);
            part.release();
        }
        return sent.toByteArray();
    }

    @Test
    void nothingIsReadOnTheEventLoop() {
        Counting reply = new Counting(octets(300_000));
        send(reply);

        assertThat(reply.read).isZero();
        assertThat(sent()).isEmpty();
        assertThat(storageCalls).hasSize(1);
    }

    @Test
    void theReplyGoesOutWholeAndInOrderAsTheReaderReadsIt() {
        byte[] message = octets(1_000_003);
        ChannelFuture written = send(new ByteArrayInputStream(message));

        runStorageCalls();

        assertThat(sent()).isEqualTo(message);
        assertThat(written.isSuccess()).isTrue();
    }

    @Test
    void theReaderReadsAtMostFourPartsAhead() {
        Counting reply = new Counting(octets(1_000_000));
        send(reply);

        storageCalls.poll().run();

        assertThat(reply.read).isEqualTo(ChunksReadAhead.AHEAD * ChunksReadAhead.PART);
    }

    @Test
    void anEmptyReplyEnds() {
        ChannelFuture written = send(new ByteArrayInputStream(new byte[0]));

        runStorageCalls();

        assertThat(sent()).isEmpty();
        assertThat(written.isSuccess()).isTrue();
    }

    @Test
    void aConnectionClosedInTheMiddleClosesTheStreamOnTheReader() {
        Counting reply = new Counting(octets(1_000_000));
        ChannelFuture written = send(reply);
        storageCalls.poll().run();

        channel.close();

        assertThat(written.isSuccess()).isFalse();
        assertThat(reply.closed).as("not closed on the event loop").isFalse();
        runStorageCalls();
        assertThat(reply.closed).isTrue();
        assertThat(reply.read).isLessThan(1_000_000);
    }

    @Test
    void aReplyThatCannotBeReadFailsItsWrite() {
        ChannelFuture written = send(new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the file is gone");
            }
        });

        runStorageCalls();

        assertThat(written.isDone()).isTrue();
        assertThat(written.cause()).hasMessage("the file is gone");
    }

    @Test
    void eachPartHandedOverIsTold() {
        Queue<Integer> handedOver = new ArrayDeque<>();
        channel.writeAndFlush(new ChunksReadAhead(new ReadOffLoop(new ByteArrayInputStream(octets(150_000)), reader)
            .whenHandedOver(handedOver::add), writer::resumeTransfer));

        runStorageCalls();

        assertThat(handedOver).containsExactly(ChunksReadAhead.PART, ChunksReadAhead.PART, 150_000 - 2 * ChunksReadAhead.PART);
    }

    /** A reply that counts what was read of it and says whether it was closed. */
    private static final class Counting extends ByteArrayInputStream {
        private int read;
        private boolean closed;

        Counting(byte[] octets) {
            super(octets);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int count = super.read(buffer, offset, length);
            read += Math.max(0, count);
            return count;
        }

        @Override
        public synchronized int read() {
            int octet = super.read();
            read += octet == -1 ? 0 : 1;
            return octet;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
