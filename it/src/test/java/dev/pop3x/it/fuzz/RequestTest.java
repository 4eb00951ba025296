package dev.pop3x.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The fuzz target reads a command line the way pop3x's dispatcher does, to know which replies are multi-line. */
class RequestTest {
    @Test
    void theKeywordIsUpperCasedAndTheArgumentIsTheRestAfterOneSpace() {
        assertThat(parse("list  1 ")).isEqualTo(new Request("LIST", " 1 "));
        assertThat(parse("   STAT")).isEqualTo(new Request("STAT", null));
        assertThat(parse("")).isEqualTo(new Request("", null));
    }

    @Test
    void onlyAsciiLettersAreUpperCasedAsTheServerDoes() {
        assertThat(parse("l\u0131st").keyword()).isEqualTo("L\u0131ST");
        assertThat(parse("\u017ftls").keyword()).isEqualTo("\u017fTLS");
        assertThat(parse("l\u0131st").isCommand()).isFalse();
        assertThat(parse("stat").isCommand()).isTrue();
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsLatin1() {
        assertThat(Request.parse(new byte[] {'T', 'O', 'P', ' ', (byte) 0xe9}).argument()).isEqualTo("\u00e9");
    }

    @Test
    void listingsAreMultiLineWithoutAMessageNumber() {
        assertThat(parse("LIST").multilineOnOk()).isTrue();
        assertThat(parse("UIDL   ").multilineOnOk()).isTrue();
        assertThat(parse("LIST 1").multilineOnOk()).isFalse();
        assertThat(parse("UIDL \t").multilineOnOk()).isFalse();
    }

    @Test
    void authAndLangListWithABlankArgument() {
        assertThat(parse("AUTH \t").multilineOnOk()).isTrue();
        assertThat(parse("AUTH \u00a0").multilineOnOk()).isFalse();
        assertThat(parse("LANG").multilineOnOk()).isTrue();
        assertThat(parse("LANG fr").multilineOnOk()).isFalse();
    }

    @Test
    void capaRetrAndTopAreAlwaysMultiLineAndTheRestNever() {
        assertThat(parse("CAPA x").multilineOnOk()).isTrue();
        assertThat(parse("RETR 1").multilineOnOk()).isTrue();
        assertThat(parse("TOP 1 0").multilineOnOk()).isTrue();
        assertThat(parse("STAT").multilineOnOk()).isFalse();
        assertThat(parse("NOOP").multilineOnOk()).isFalse();
    }

    private static Request parse(String line) {
        return Request.parse(line.getBytes(StandardCharsets.UTF_8));
    }
}
