package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {
    @Test
    void shortPrintableInputIsEchoedAsIs() {
        assertThat(Echo.of("RETR")).isEqualTo("RETR");
    }

    @Test
    void controlAndNonAsciiCharactersBecomeQuestionMarks() {
        assertThat(Echo.of("A\u0000B\u001bC\u00e9")).isEqualTo("A?B?C?");
    }

    @Test
    void longInputIsCutAfterFortyCharacters() {
        assertThat(Echo.of("x".repeat(41))).isEqualTo("x".repeat(40) + "...");
        assertThat(Echo.of("x".repeat(40))).isEqualTo("x".repeat(40));
    }
}
