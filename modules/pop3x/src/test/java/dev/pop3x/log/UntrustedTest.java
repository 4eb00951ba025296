package dev.pop3x.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class UntrustedTest {
    @Test
    void printableTextIsKept() {
        assertThat(Untrusted.text("bob@example.com USER Zoë 日本")).isEqualTo("bob@example.com USER Zoë 日本");
    }

    @Test
    void controlOctetsAndTheBackslashBecomeHexEscapes() {
        assertThat(Untrusted.text("\u001b[2J\u001b[31m FAKE \u0007\u0000x\r\n\\\u007f"))
            .isEqualTo("\\x1b[2J\\x1b[31m FAKE \\x07\\x00x\\x0d\\x0a\\x5c\\x7f");
    }

    @Test
    void invisibleCharactersBecomeCodePointEscapes() {
        assertThat(Untrusted.text("a\u202Eb\u0085c\u2028d")).isEqualTo("a\\u{202e}b\\u{85}c\\u{2028}d");
    }

    @Test
    void octetsThatAreNotUtf8BecomeHexEscapesAndValidUtf8IsText() {
        byte[] sent = {'o', 'k', (byte) 0xc3, (byte) 0xa9, ' ', (byte) 0xff, (byte) 0xc3, '(', 0x16, 0x03, 0x01};
        assertThat(Untrusted.bytes(sent)).isEqualTo("oké \\xff\\xc3(\\x16\\x03\\x01");
    }

    @Test
    void aWordHasItsSpacesEscaped() {
        assertThat(Untrusted.word("bob with remote address 192.0.2.1")).isEqualTo("bob\\x20with\\x20remote\\x20address\\x20192.0.2.1");
    }

    @Test
    void aLongTextIsCutAndTheRestCounted() {
        assertThat(Untrusted.text("a".repeat(300))).isEqualTo("a".repeat(Untrusted.MAX_CHARACTERS) + "...(+44)");
        assertThat(Untrusted.bytes("b".repeat(260).getBytes(StandardCharsets.US_ASCII)))
            .isEqualTo("b".repeat(Untrusted.MAX_CHARACTERS) + "...(+4 octets)");
    }
}
