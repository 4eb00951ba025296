package dev.pop3x.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MessageOctetsTest {
    private static long octets(byte[] message) throws IOException {
        return MessageOctets.withCrlfLineEnds(new ByteArrayInputStream(message));
    }

    @Test
    void eachBareLineFeedCountsAsTwoOctets() throws IOException {
        assertThat(octets("a\nb\r\nc\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(9);
        assertThat(octets("\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(2);
        assertThat(octets(new byte[0])).isZero();
    }

    @Test
    void aCrlfSplitBetweenTwoReadsIsOneLineEnd() throws IOException {
        byte[] message = new byte[64 * 1024 + 1];
        Arrays.fill(message, (byte) 'x');
        message[64 * 1024 - 1] = '\r';
        message[64 * 1024] = '\n';

        assertThat(octets(message)).isEqualTo(message.length);
    }

    @Test
    void aBareLineFeedFirstInASecondReadCounts() throws IOException {
        byte[] message = new byte[64 * 1024 + 1];
        Arrays.fill(message, (byte) 'x');
        message[64 * 1024] = '\n';

        assertThat(octets(message)).isEqualTo(message.length + 1);
    }

    @Test
    void aMessageInMemoryAndAsAStreamCountAsEachLineEndOneOctetAtATime() throws IOException {
        Random random = new Random(1939);
        byte[] alphabet = {'a', '\r', '\n', ' ', (byte) 0x8a};
        for (int round = 0; round < 1_000; round++) {
            byte[] message = new byte[random.nextInt(round < 500 ? 50 : 20_000)];
            long expected = message.length;
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
                if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) {
                    expected++;
                }
            }
            assertThat(MessageOctets.withCrlfLineEnds(message)).as("round %d", round).isEqualTo(expected);
            assertThat(octets(message)).as("round %d", round).isEqualTo(expected);
        }
    }
}
