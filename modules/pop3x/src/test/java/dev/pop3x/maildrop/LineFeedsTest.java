package dev.pop3x.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LineFeedsTest {
    /** The first LF of octets[from..to), one octet at a time. */
    private static int reference(byte[] octets, int from, int to) {
        for (int i = from; i < to; i++) {
            if (octets[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    @Test
    void findsTheFirstLineFeedOfEveryRangeAsAByteByByteSearchDoes() {
        Random random = new Random(1939);
        // LF beside the octets that differ from it by one bit or by a borrow: CR, 0x0B, 0x09, 0x8A, 0xFF, 0x00
        byte[] alphabet = {'\n', '\r', 0x0B, 0x09, (byte) 0x8A, (byte) 0xFF, 0x00, 'a', '.'};
        for (int round = 0; round < 5_000; round++) {
            byte[] octets = new byte[random.nextInt(80)];
            int odds = 1 + random.nextInt(40);
            for (int i = 0; i < octets.length; i++) {
                octets[i] = random.nextInt(odds) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            int from = octets.length == 0 ? 0 : random.nextInt(octets.length + 1);
            int to = from + random.nextInt(octets.length - from + 1);
            assertThat(LineFeeds.next(octets, from, to)).as("round %d", round).isEqualTo(reference(octets, from, to));
        }
    }

    @Test
    void aRangeWithoutLineFeedsEndsAtItsEnd() {
        byte[] octets = "0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(LineFeeds.next(octets, 0, 16)).isEqualTo(16);
        assertThat(LineFeeds.next(octets, 0, 17)).isEqualTo(16);
        assertThat(LineFeeds.next(octets, 3, 3)).isEqualTo(3);
    }
}
