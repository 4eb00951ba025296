package dev.pop3x.maildrop.maildir.uidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected values are what Dovecot 2.3.19.1 printed for the same templates (shared/uidl-and-cluster-facts.md, A8). */
class UidlTemplateTest {
    private static final String BASE = "1700000001.M100P11.mx1,S=89";

    private static UidlTemplate.Message message(long uid, long uidValidity) {
        return new UidlKeys(uid, uidValidity, BASE, BASE);
    }

    private static String expand(String template, long uid, long uidValidity) {
        return UidlTemplate.parse(template).expand(message(uid, uidValidity));
    }

    @Test
    void dovecotsDefaultIsUidThenUidValidityInEightLowerCaseHexDigits() {
        assertThat(expand("%08Xu%08Xv", 1, 1796198630)).isEqualTo("000000016b0fd0e6");
    }

    @Test
    void upperCaseAfterHexGivesUpperCaseHex() {
        assertThat(expand("%08XUu%08XUv", 1, 1796198631)).isEqualTo("000000016B0FD0E7");
    }

    @Test
    void modifiersApplyLeftToRight() {
        assertThat(expand("%UXu", 255, 1)).isEqualTo("ff");
        assertThat(expand("%XUu", 255, 1)).isEqualTo("FF");
    }

    @Test
    void cyrusAndCourierStylesJoinTheNumbersInDecimal() {
        assertThat(expand("%v.%u", 1, 1796198631)).isEqualTo("1796198631.1");
        assertThat(expand("UID%u-%v", 1, 1796198631)).isEqualTo("UID1-1796198631");
        assertThat(expand("%{uidvalidity}-%{uid}", 7, 42)).isEqualTo("42-7");
    }

    @Test
    void theFileNameIsTheBaseNameAndCanBeDigestedOrCut() {
        assertThat(expand("%f", 1, 1)).isEqualTo(BASE);
        assertThat(expand("%{filename}", 1, 1)).isEqualTo(BASE);
        assertThat(expand("%Mf", 1, 1)).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(expand("%.8f", 1, 1)).isEqualTo("17000000");
        assertThat(expand("%-8f", 1, 1)).isEqualTo("17000000");
        assertThat(expand("%-4.f", 1, 1)).isEqualTo("S=89");
        assertThat(expand("%3.4f", 1, 1)).isEqualTo("0000");
    }

    @Test
    void zeroPaddingNeverTruncates() {
        assertThat(expand("%04u", 123456, 1)).isEqualTo("123456");
        assertThat(expand("%08u", 12, 1)).isEqualTo("00000012");
    }

    @Test
    void percentPercentIsAPercentSign() {
        assertThat(expand("%%%u", 3, 1)).isEqualTo("%3");
    }

    @Test
    void onlyUidsAndUidValidityNeedTheUidlist() {
        assertThat(UidlTemplate.parse("%08Xu%08Xv").needsUids()).isTrue();
        assertThat(UidlTemplate.parse("%v-x").needsUids()).isTrue();
        assertThat(UidlTemplate.parse("%f").needsUids()).isFalse();
        assertThat(UidlTemplate.parse("%g").needsUids()).isFalse();
    }

    @Test
    void templatesDovecotRefusesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> UidlTemplate.parse("static")).hasMessageContaining("no variable");
        assertThatThrownBy(() -> UidlTemplate.parse("%%")).hasMessageContaining("no variable");
        assertThatThrownBy(() -> UidlTemplate.parse("%m")).hasMessageContaining("mbox");
        assertThatThrownBy(() -> UidlTemplate.parse("%x")).hasMessageContaining("unknown variable %x");
        assertThatThrownBy(() -> UidlTemplate.parse("%Hu")).hasMessageContaining("H modifier");
        assertThatThrownBy(() -> UidlTemplate.parse("%{md5}")).hasMessageContaining("%{md5}");
        assertThatThrownBy(() -> UidlTemplate.parse("%{uid")).hasMessageContaining("without its '}'");
        assertThatThrownBy(() -> UidlTemplate.parse("%u%08X")).hasMessageContaining("ends in the middle");
    }
}
