package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirSnapshotTest {
    @TempDir
    Path root;

    @BeforeEach
    void aMaildirUntouchedForAMinute() throws Exception {
        new Maildir(root).create();
        FileTime minuteAgo = FileTime.from(Instant.now().minus(Duration.ofMinutes(1)));
        Files.setLastModifiedTime(root.resolve("new"), minuteAgo);
        Files.setLastModifiedTime(root.resolve("cur"), minuteAgo);
    }

    @Test
    void aSnapshotOfAnUntouchedMaildirStaysCurrent() throws Exception {
        MaildirSnapshot snapshot = MaildirSnapshot.of(MaildirSnapshot.Stamps.of(root), Instant.now(), List.of(), Map.of());

        assertThat(snapshot.isCurrent(MaildirSnapshot.Stamps.of(root))).isTrue();
    }

    @Test
    void aDeliveryMakesTheSnapshotStale() throws Exception {
        MaildirSnapshot snapshot = MaildirSnapshot.of(MaildirSnapshot.Stamps.of(root), Instant.now(), List.of(), Map.of());

        Files.writeString(root.resolve("new").resolve("1700000000.M1P1.host"), "mail\n");

        assertThat(snapshot.isCurrent(MaildirSnapshot.Stamps.of(root))).isFalse();
    }

    @Test
    void aRecordedRetrievalMakesTheSnapshotStale() throws Exception {
        MaildirSnapshot snapshot = MaildirSnapshot.of(MaildirSnapshot.Stamps.of(root), Instant.now(), List.of(), Map.of());

        Files.writeString(root.resolve(RetrievalLedger.FILE), "1700000000.M1P1.host 1700000100\n");

        assertThat(snapshot.isCurrent(MaildirSnapshot.Stamps.of(root))).isFalse();
    }

    @Test
    void aMaildirChangedWithinTheLastSecondIsNeverTrusted() throws Exception {
        Files.writeString(root.resolve("new").resolve("1700000000.M1P1.host"), "mail\n");

        MaildirSnapshot snapshot = MaildirSnapshot.of(MaildirSnapshot.Stamps.of(root), Instant.now(), List.of(), Map.of());

        assertThat(snapshot.isCurrent(MaildirSnapshot.Stamps.of(root))).isFalse();
    }

    @Test
    void aDeliveryDuringTheScanAfterTheTimesWereReadMakesTheSnapshotStale() throws Exception {
        MaildirSnapshot.Stamps beforeScan = MaildirSnapshot.Stamps.of(root);
        Instant scanStart = Instant.now();
        Files.writeString(root.resolve("new").resolve("1700000000.M1P1.host"), "mail\n");

        MaildirSnapshot snapshot = MaildirSnapshot.of(beforeScan, scanStart, List.of(), Map.of());

        assertThat(snapshot.isCurrent(MaildirSnapshot.Stamps.of(root))).isFalse();
    }
}
