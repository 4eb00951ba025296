package dev.pop3x.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedTest {
    @Test
    void printableTextIsKept() {
        assertThat(Untrusted.text("bob@example.com USER Zoë 日本")).isEqualTo("bob@example.com USER Zoë 日本");
    }

    @Test
    void controlOctetsBecomeHexEscapes() {
        assertThat(Untrusted.text("\u001b[2J\u001b[31m FAKE \u0007\u0000x\r\n\u007f"))
            .isEqualTo("\\x1b[2J\\x1b[31m FAKE \\x07\\x00x\\x0d\\x0a\\x7f");
    }

    @Test
    void textEscapedOnceIsNotEscapedAgain() {
        String once = Untrusted.word("esc\u001b[2J");
        assertThat(Untrusted.word(once)).isEqualTo(once).isEqualTo("esc\\x1b[2J");
    }

    @Test
    void invisibleCharactersBecomeCodePointEscapes() {
        assertThat(Untrusted.text("a\u202Eb\u0085c\u2028d")).isEqualTo("a\\u{202e}b\\u{85}c\\u{2028}d");
    }

    @Test
    void textWithoutControlOrInvisibleCharactersIsPrintable() {
        assertThat(Untrusted.isPrintable("Zoë.o'brien+phone@example.com \\")).isTrue();
        assertThat(Untrusted.isPrintable("esc\u001b[2J")).isFalse();
        assertThat(Untrusted.isPrintable("nul\u0000")).isFalse();
        assertThat(Untrusted.isPrintable("rlo\u202e")).isFalse();
    }

    @Test
    void aWordHasItsSpacesEscaped() {
        assertThat(Untrusted.word("bob with remote address 192.0.2.1")).isEqualTo("bob\\x20with\\x20remote\\x20address\\x20192.0.2.1");
    }

    @Test
    void aLongTextIsCutAndTheRestCounted() {
        assertThat(Untrusted.text("a".repeat(300))).isEqualTo("a".repeat(Untrusted.MAX_CHARACTERS) + "...(+44)");
    }
}
