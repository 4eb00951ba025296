package dev.pop3x.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ConcatenationTest {
    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A part that gives at most one byte per read, as a slow source would. */
    private static InputStream trickling(String text) {
        return new FilterInputStream(bytes(text)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(1, length));
            }
        };
    }

    @Test
    void oneReadTakesTheStatusLineTheMessageAndTheTerminatorTogether() throws IOException {
        Concatenation reply = new Concatenation(List.of(bytes("+OK\r\n"), trickling("Subject: x\r\n\r\nhi\r\n"), bytes(".\r\n")));
        byte[] buffer = new byte[8192];

        int read = reply.read(buffer, 0, buffer.length);

        assertThat(new String(buffer, 0, read, StandardCharsets.US_ASCII)).isEqualTo("+OK\r\nSubject: x\r\n\r\nhi\r\n.\r\n");
        assertThat(reply.read(buffer, 0, buffer.length)).isEqualTo(-1);
        assertThat(reply.available()).isZero();
    }

    @Test
    void readsStopAtTheBufferAndGoOnWhereTheyStopped() throws IOException {
        Concatenation reply = new Concatenation(List.of(bytes("abc"), bytes(""), bytes("defg")));
        byte[] buffer = new byte[5];

        assertThat(reply.read(buffer, 0, 5)).isEqualTo(5);
        assertThat(new String(buffer, StandardCharsets.US_ASCII)).isEqualTo("abcde");
        assertThat(reply.read()).isEqualTo('f');
        assertThat(reply.read(buffer, 0, 5)).isEqualTo(1);
        assertThat(reply.read()).isEqualTo(-1);
    }

    @Test
    void availableIsNeverLessThanAChunkWhileAPartRemains() throws IOException {
        Concatenation reply = new Concatenation(List.of(bytes("+OK\r\n"), bytes(".\r\n")));

        assertThat(reply.available()).isEqualTo(8192);
    }

    @Test
    void closingClosesEveryPart() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        InputStream part = new FilterInputStream(bytes("x")) {
            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        new Concatenation(List.of(part, part)).close();

        assertThat(closed).hasValue(2);
    }

    /** Netty closes a reply only once its last chunk is on the socket: a message's file must not wait that long. */
    @Test
    void aPartIsClosedAsSoonAsItIsReadToItsEnd() throws IOException {
        AtomicInteger closed = new AtomicInteger();
        InputStream message = new FilterInputStream(bytes("hi\r\n")) {
            @Override
            public void close() throws IOException {
                closed.incrementAndGet();
                super.close();
            }
        };
        Concatenation reply = new Concatenation(List.of(bytes("+OK\r\n"), message, bytes(".\r\n")));

        reply.read(new byte[8192], 0, 8192);

        assertThat(closed).hasValue(1);
    }
}
