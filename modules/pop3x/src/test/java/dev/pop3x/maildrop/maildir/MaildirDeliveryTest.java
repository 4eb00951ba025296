package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MaildirDeliveryTest {
    private static String lf(String message) {
        return new String(MaildirDelivery.withLfLineEnds(message.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    }

    @Test
    void crlfBecomesLfAndALastLineGetsItsEnd() {
        assertThat(lf("a\r\nb\r\n")).isEqualTo("a\nb\n");
        assertThat(lf("a\r\nb")).isEqualTo("a\nb\n");
        assertThat(lf("lone\rcr\n")).isEqualTo("lone\rcr\n");
    }

    @Test
    void theVirtualSizeCountsEachLfAsCrlf() {
        assertThat(VirtualSizes.measureBytes("a\nb\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(6);
        assertThat(VirtualSizes.measureBytes("a\r\nb\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(6);
        assertThat(VirtualSizes.measureBytes(new byte[0])).isZero();
    }
}
