package dev.pop3x.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WholeOctetsTest {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void readAsAStreamItIsItsPartsOneAfterTheOther() throws IOException {
        WholeOctets whole = WholeOctets.of(ascii("+OK\r\n")).followedBy(WholeOctets.of(ascii("body\r\n"), ascii(".\r\n")));

        assertThat(whole.length()).isEqualTo(14);
        assertThat(new String(whole.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("+OK\r\nbody\r\n.\r\n");
    }

    @Test
    void whatWaitsForItsSendingRunsOnceWhetherItIsWrittenOrReadToItsEnd() throws IOException {
        AtomicInteger retrieved = new AtomicInteger();
        AtomicInteger followed = new AtomicInteger();
        WholeOctets whole = WholeOctets.of(ascii("+OK\r\n"))
            .followedBy(WholeOctets.of(ascii("body\r\n")).whenSent(retrieved::incrementAndGet))
            .whenSent(followed::incrementAndGet);

        whole.sent();
        whole.readAllBytes();
        whole.sent();

        assertThat(retrieved).hasValue(1);
        assertThat(followed).hasValue(1);
    }

    @Test
    void nothingIsSentBeforeTheLastOctetIsRead() throws IOException {
        AtomicInteger sent = new AtomicInteger();
        WholeOctets whole = WholeOctets.of(ascii("abc")).whenSent(sent::incrementAndGet);

        whole.read(new byte[3], 0, 3);

        assertThat(sent).hasValue(0);
        assertThat(whole.read()).isEqualTo(-1);
        assertThat(sent).hasValue(1);
    }
}
