package dev.pop3x.maildrop.maildir.uidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DovecotUidlistTest {
    private static final Path FILE = Path.of("Maildir/dovecot-uidlist");

    /** Written by Dovecot 2.3.19.1 with pop3_save_uidl=yes, then one more message with %f (the facts file, A1). */
    private static final String WRITTEN_BY_DOVECOT = "3 V1796198630 N5 G565c9e1ae6d00f6bd012000083ecc375\n"
        + "1 W89 P000000016b0fd0e6 :1700000001.M100P11.mx1,S=89\n"
        + "2 W89 P000000026b0fd0e6 :1700000002.M200P22.mx1\n"
        + "3 P000000036b0fd0e6 :1700000003.M300P33.mx1,S=95,W=95\n"
        + "4 W57 P :1700000004.M400P44.mx1\n";

    private static DovecotUidlist parse(String content) throws UnusableUidlFile {
        return DovecotUidlist.parse(FILE, content);
    }

    @Test
    void aVersionThreeFileGivesTheUidValidityTheUidsAndTheSavedUidls() throws Exception {
        DovecotUidlist uidlist = parse(WRITTEN_BY_DOVECOT);

        assertThat(uidlist.uidValidity()).isEqualTo(1796198630L);
        assertThat(uidlist.nextUid()).isEqualTo(5);
        assertThat(uidlist.entry("1700000002.M200P22.mx1").orElseThrow().uid()).isEqualTo(2);
        assertThat(uidlist.entry("1700000001.M100P11.mx1,S=89").orElseThrow().savedUidl("x")).contains("000000016b0fd0e6");
    }

    @Test
    void anEmptySavedUidlIsTheBaseName() throws Exception {
        String base = "1700000004.M400P44.mx1";
        assertThat(parse(WRITTEN_BY_DOVECOT).entry(base).orElseThrow().savedUidl(base)).contains(base);
    }

    @Test
    void theNextUidIsAboveTheLastLineEvenWhenTheHeaderWasNotRewritten() throws Exception {
        DovecotUidlist uidlist = parse("3 V1796198623 N1 G565c9e1ae6d00f6bd012000083ecc375\n1 :a\n2 :b\n3 :c\n");

        assertThat(uidlist.nextUid()).isEqualTo(4);
        assertThat(uidlist.entry("c").orElseThrow().savedUidl("c")).isEmpty();
    }

    @Test
    void aRecordedNameWithFlagsIsKeptByItsBaseName() throws Exception {
        assertThat(parse("3 V7 N2\n1 :1700000001.M1.mx1:2,S\n").entry("1700000001.M1.mx1")).isPresent();
    }

    @Test
    void aVersionOneFileIsCourierImapsFormat() throws Exception {
        DovecotUidlist uidlist = parse("1 1796198630 3\n1 one\n2 two\n");

        assertThat(uidlist.version()).isEqualTo(1);
        assertThat(uidlist.uidValidity()).isEqualTo(1796198630L);
        assertThat(uidlist.nextUid()).isEqualTo(3);
        assertThat(uidlist.entry("two").orElseThrow().uid()).isEqualTo(2);
    }

    @Test
    void theOrderOfPop3IsKept() throws Exception {
        assertThat(parse("3 V7 N3\n1 O2 :a\n2 O1 :b\n").entry("b").orElseThrow().pop3Order()).hasValue(1);
    }

    @Test
    void filesDovecotWouldDeleteAreUnusable() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(UnusableUidlFile.class);
        assertThatThrownBy(() -> parse("2 V1 N1\n")).hasMessageContaining("unsupported version");
        assertThatThrownBy(() -> parse("3 V1 N3\n2 :a\n1 :b\n")).hasMessageContaining("UIDs not ordered");
        assertThatThrownBy(() -> parse("3 V1 N3\n0 :a\n")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse("3 V1 N3\nx :a\n")).hasMessageContaining("bad UID");
        assertThatThrownBy(() -> parse("3 V1 N3\n1 :a/b\n")).hasMessageContaining("bad file name");
        assertThatThrownBy(() -> parse("1 5 2\n2 a\n")).hasMessageContaining("not below the next UID");
        assertThatThrownBy(() -> parse("3 N3\n1 :a\n")).hasMessageContaining("no UIDVALIDITY");
        assertThatThrownBy(() -> parse("3 V1 N3\n1 :a")).hasMessageContaining("not complete");
    }
}
