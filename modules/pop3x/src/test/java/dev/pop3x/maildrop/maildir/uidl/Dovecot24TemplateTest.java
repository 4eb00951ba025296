package dev.pop3x.maildrop.maildir.uidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Dovecot 2.4's {@code pop3_uidl_format} syntax. Expected values are those Dovecot 2.4.4's own tests pin for the same
 * filters and inputs ({@code src/lib-var-expand/test-var-expand.c}: {@code uidvalidity} is 1727121943 there and
 * {@code first} is "hello", here the file name), and what its default gives for a UID and UIDVALIDITY.
 */
class Dovecot24TemplateTest {
    private static final long UIDVALIDITY = 1727121943L;

    private static String expand(String template, long uid, String baseName) {
        return UidlTemplate.parse(template).expand(new UidlKeys(uid, UIDVALIDITY, baseName, "guid-" + baseName));
    }

    private static String hello(String template) {
        return expand(template, 1, "hello");
    }

    @Test
    void dovecot24sDefaultGivesWhatDovecot23sDefaultGave() {
        assertThat(expand("%{uid | hex(8)}%{uidvalidity | hex(8)}", 1, "x")).isEqualTo("0000000166f1ca17")
            .isEqualTo(expand("%08Xu%08Xv", 1, "x"));
        assertThat(expand("%{uid|hex(8)}%{uidvalidity|hex(8)}", 4096, "x")).isEqualTo("0000100066f1ca17");
    }

    @Test
    void hexPadsOrCutsFromTheLeftAndCutsFromTheRightWhenNegative() {
        assertThat(hello("%{uidvalidity | hex }")).isEqualTo("66f1ca17");
        assertThat(hello("%{uidvalidity | hex(2)}")).isEqualTo("17");
        assertThat(hello("%{uidvalidity | hex(-2)}")).isEqualTo("66");
        assertThat(expand("%{uid | hex(2)}", 3, "x")).isEqualTo("03");
        assertThat(expand("%{uid | hex(-4)}", 0x16, "x")).isEqualTo("1600");
    }

    @Test
    void upperAndLowerChangeTheCaseOfWhatCameBefore() {
        assertThat(hello("%{filename | upper}")).isEqualTo("HELLO");
        assertThat(hello("%{filename | upper | lower}")).isEqualTo("hello");
        assertThat(expand("%{uid | hex(8) | upper}%{uidvalidity | hex(8) | upper}", 1, "x")).isEqualTo("0000000166F1CA17")
            .isEqualTo(expand("%08XUu%08XUv", 1, "x"));
    }

    @Test
    void substrTakesDovecotsOffsetsAndLengths() {
        assertThat(hello("%{filename | substr(0)}")).isEqualTo("hello");
        assertThat(hello("[%{filename | substr(5, 0)}]")).isEqualTo("[]");
        assertThat(hello("%{filename | substr(1, 2)}")).isEqualTo("el");
        assertThat(hello("%{filename | substr(-2, 2)}")).isEqualTo("lo");
        assertThat(hello("%{filename | substr(2, -2)}")).isEqualTo("l");
        assertThat(hello("%{filename | substr(0, -1)}")).isEqualTo("hell");
        assertThat(hello("%{filename | substr(-1)}")).isEqualTo("o");
        assertThat(hello("%{filename | substr(-5, -1)}")).isEqualTo("hell");
        assertThatThrownBy(() -> hello("%{filename | substr(6)}")).hasMessage("substr: Offset out of bounds");
        assertThatThrownBy(() -> hello("%{filename | substr(1, 5)}")).hasMessage("substr: Length out of bounds");
    }

    @Test
    void reverseTruncateAndFill() {
        assertThat(hello("%{filename | reverse}")).isEqualTo("olleh");
        assertThat(hello("%{filename | truncate(4)}")).isEqualTo("hell");
        assertThat(hello("%{filename | truncate(6)}")).isEqualTo("hello");
        assertThat(expand("%{uid | rfill(3)}", 1, "x")).isEqualTo("100");
        assertThat(expand("%{uid | lfill(3)}", 1, "x")).isEqualTo("001");
    }

    @Test
    void aDigestIsBinaryAndPrintedInHexUnlessHexlifiedOrCut() {
        assertThat(hello("%{filename | md5}")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(hello("%{filename | sha1}")).isEqualTo("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
        assertThat(hello("%{filename | md5 | hexlify(8)}")).isEqualTo("5d41402a");
        assertThat(hello("%{filename | md5 | substr(4,4) }")).isEqualTo("bc4b2a76");
        assertThat(expand("%{uid | hexlify(4)}", 3, "x")).isEqualTo("0033");
    }

    @Test
    void theVariablesAreThoseOfDovecot23() {
        assertThat(expand("%{filename}.%{guid}", 1, "b")).isEqualTo("b.guid-b");
        assertThat(expand("UID%{uid}-%{uidvalidity}", 7, "b")).isEqualTo("UID7-" + UIDVALIDITY);
        assertThat(UidlTemplate.parse("%{filename | md5}").needsUids()).isFalse();
        assertThat(UidlTemplate.parse("%{uid | hex(8)}").needsUids()).isTrue();
    }

    @Test
    void aPercentPercentBraceIsLiteralOnlyIn23sSyntaxWhereItIsAPercentSign() {
        assertThat(expand("%%{uid}%u", 7, "b")).isEqualTo("%{uid}7");
        assertThat(expand("%{uid}%{uid}", 7, "b")).isEqualTo("77");
    }

    @Test
    void templatesPop3xCannotExpandAreRefusedWithTheReason() {
        assertThatThrownBy(() -> UidlTemplate.parse("%{md5}")).hasMessageContaining("Dovecot's md5 is for mbox only");
        assertThatThrownBy(() -> UidlTemplate.parse("%{user}")).hasMessageContaining("unknown variable %{user}");
        assertThatThrownBy(() -> UidlTemplate.parse("%{uid | hex(8)")).hasMessageContaining("without its '}'");
        assertThatThrownBy(() -> UidlTemplate.parse("%{uid + 1}")).hasMessageContaining("does not support arithmetic");
        assertThatThrownBy(() -> UidlTemplate.parse("%{filename | hex}")).hasMessageContaining("hex applies to a number");
        assertThatThrownBy(() -> UidlTemplate.parse("%{uid | base64}")).hasMessageContaining("a filter pop3x does not support: base64");
        assertThatThrownBy(() -> UidlTemplate.parse("%{uidvalidity | hex(257)}")).hasMessageContaining("hex: Excessive padding");
    }
}
