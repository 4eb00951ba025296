package dev.pop3x.maildrop.maildir.uidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UidAssignmentTest {
    private static final Instant NOW = Instant.ofEpochSecond(1796198623L);

    @TempDir
    Path maildir;

    private final UidAssignment assignment = new UidAssignment(Clock.fixed(NOW, ZoneOffset.UTC), false);

    private String uidlist() throws Exception {
        return Files.readString(maildir.resolve(DovecotUidlist.FILE), StandardCharsets.UTF_8);
    }

    @Test
    void newMessagesAreAppendedInDovecotsOrderFromTheNextUidAndTheHeaderIsLeftAlone() throws Exception {
        Files.writeString(maildir.resolve(DovecotUidlist.FILE), "3 V1796198630 N3 G565c9e1ae6d00f6bd012000083ecc375\n1 W89 :a\n2 :b\n");

        DovecotUidlist after = assignment.assign(maildir, List.of("a", "1700000009.M5.h", "b", "1700000002.M7.h"), Duration.ZERO).orElseThrow();

        assertThat(uidlist()).isEqualTo("3 V1796198630 N3 G565c9e1ae6d00f6bd012000083ecc375\n1 W89 :a\n2 :b\n"
            + "3 :1700000002.M7.h\n4 :1700000009.M5.h\n");
        assertThat(after.nextUid()).isEqualTo(5);
        assertThat(Files.exists(maildir.resolve(UidlistLock.FILE))).isFalse();
    }

    @Test
    void aMaildirWithoutUidlistGetsOneWithANewUidValidity() throws Exception {
        DovecotUidlist created = assignment.assign(maildir, List.of("1700000001.M1.h"), Duration.ZERO).orElseThrow();

        assertThat(created.uidValidity()).isEqualTo(NOW.getEpochSecond());
        assertThat(uidlist()).matches("3 V1796198623 N2 G[0-9a-f]{32}\n1 :1700000001\\.M1\\.h\n");
        assertThat(Files.readString(maildir.resolve("dovecot-uidvalidity"))).isEqualTo("6b0fd0df");
    }

    @Test
    void aNewUidValidityIsAboveTheLastOneGivenInTheDirectory() throws Exception {
        Files.writeString(maildir.resolve("dovecot-uidvalidity"), "7b0fd0df");

        assertThat(assignment.assign(maildir, List.of("m"), Duration.ZERO).orElseThrow().uidValidity()).isEqualTo(0x7b0fd0e0L);
    }

    @Test
    void nothingIsWrittenWhenDovecotsIndexIsThereWithoutItsUidlist() throws Exception {
        Files.createFile(maildir.resolve("dovecot.index"));

        assertThatThrownBy(() -> assignment.assign(maildir, List.of("m"), Duration.ZERO)).isInstanceOf(UnusableUidlFile.class);
        assertThat(Files.exists(maildir.resolve(DovecotUidlist.FILE))).isFalse();
    }

    @Test
    void aVersionOneFileIsRewrittenAsVersionThreeKeepingItsUids() throws Exception {
        Files.writeString(maildir.resolve(DovecotUidlist.FILE), "1 1796198630 8\n3 a\n7 b\n");

        assignment.assign(maildir, List.of("a", "b", "c"), Duration.ZERO);

        assertThat(uidlist()).matches("3 V1796198630 N9 G[0-9a-f]{32}\n3 :a\n7 :b\n8 :c\n");
    }

    @Test
    void aLockHeldByALiveProcessIsWaitedForThenLeftAlone() throws Exception {
        Files.writeString(maildir.resolve(DovecotUidlist.FILE), "3 V1 N1\n");
        Files.writeString(maildir.resolve(UidlistLock.FILE), ProcessHandle.current().pid() + ":another-host");

        assertThat(assignment.assign(maildir, List.of("m"), Duration.ofMillis(50))).isEmpty();
        assertThat(uidlist()).isEqualTo("3 V1 N1\n");
        assertThat(Files.exists(maildir.resolve(UidlistLock.FILE))).isTrue();
    }

    @Test
    void aLockOfAProcessOfThisHostThatIsGoneIsOverridden() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        Files.writeString(maildir.resolve(DovecotUidlist.FILE), "3 V1 N1\n");
        Files.writeString(maildir.resolve(UidlistLock.FILE), gone.pid() + ":" + host);

        assertThat(assignment.assign(maildir, List.of("m"), Duration.ZERO)).isPresent();
        assertThat(uidlist()).isEqualTo("3 V1 N1\n1 :m\n");
    }

    @Test
    void aLockUntouchedForTwoMinutesIsOverridden() throws Exception {
        Files.writeString(maildir.resolve(DovecotUidlist.FILE), "3 V1 N1\n");
        Path lock = maildir.resolve(UidlistLock.FILE);
        Files.writeString(lock, "1:another-host");
        FileTime old = FileTime.from(Instant.now().minusSeconds(121));
        Files.setLastModifiedTime(lock, old);
        Files.setLastModifiedTime(maildir.resolve(DovecotUidlist.FILE), old);

        assertThat(assignment.assign(maildir, List.of("m"), Duration.ZERO)).isPresent();
    }
}
