package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MaildirDeliveryTest {
    private static String stored(String message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LfLineEnds out = new LfLineEnds(bytes);
        out.write(message.getBytes(StandardCharsets.US_ASCII));
        out.finish();
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void crlfBecomesLfAndALastLineGetsItsEnd() throws IOException {
        assertThat(stored("a\r\nb\r\n")).isEqualTo("a\nb\n");
        assertThat(stored("a\r\nb")).isEqualTo("a\nb\n");
        assertThat(stored("lone\rcr\n")).isEqualTo("lone\rcr\n");
        assertThat(stored("ends with cr\r")).isEqualTo("ends with cr\r\n");
        assertThat(stored("")).isEmpty();
    }

    @Test
    void aCrlfSplitAcrossTwoWritesIsStillOneLineEnd() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LfLineEnds out = new LfLineEnds(bytes);
        out.write("a\r".getBytes(StandardCharsets.US_ASCII));
        out.write("\nb\r\n".getBytes(StandardCharsets.US_ASCII));
        out.finish();
        assertThat(bytes.toString(StandardCharsets.US_ASCII)).isEqualTo("a\nb\n");
        assertThat(out.storedOctets()).isEqualTo(4);
        assertThat(out.virtualOctets()).isEqualTo(6);
    }

    @Test
    void theCountsAreTheStoredOctetsAndWhatRetrSendsForRandomMessages() throws IOException {
        Random random = new Random(7);
        byte[] alphabet = {'a', '\r', '\n', '.', ' '};
        for (int round = 0; round < 500; round++) {
            byte[] message = new byte[random.nextInt(300_000)];
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            LfLineEnds out = new LfLineEnds(bytes);
            int written = 0;
            while (written < message.length) {
                int chunk = Math.min(message.length - written, 1 + random.nextInt(100_000));
                out.write(message, written, chunk);
                written += chunk;
            }
            out.finish();
            byte[] stored = bytes.toByteArray();
            assertThat(out.storedOctets()).isEqualTo(stored.length);
            assertThat(out.virtualOctets()).isEqualTo(VirtualSizes.measure(new ByteArrayInputStream(stored)));
        }
    }

    @Test
    void theVirtualSizeCountsEachLfAsCrlf() throws IOException {
        assertThat(measure("a\nb\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(6);
        assertThat(measure("a\r\nb\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(6);
        assertThat(measure(new byte[0])).isZero();
    }

    private static long measure(byte[] message) throws IOException {
        return VirtualSizes.measure(new ByteArrayInputStream(message));
    }
}
