package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirLeaseTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path maildir;

    private void lastRenewed(Instant when) throws Exception {
        Files.setLastModifiedTime(maildir.resolve(MaildirLease.FILE), FileTime.from(when));
    }

    @Test
    void aLeaseHeldByOneNodeIsRefusedToAnotherAndNamesItsHolder() throws Exception {
        Optional<MaildirLease> first = MaildirLease.tryAcquire(maildir, "node-a session-1", LEASE, CLOCK);

        assertThat(first).isPresent();
        assertThat(MaildirLease.tryAcquire(maildir, "node-b session-2", LEASE, CLOCK)).isEmpty();
        assertThat(MaildirLease.holder(maildir)).contains("node-a session-1");
    }

    @Test
    void aReleasedLeaseCanBeTakenAtOnce() throws Exception {
        MaildirLease first = MaildirLease.tryAcquire(maildir, "node-a s1", LEASE, CLOCK).orElseThrow();

        first.release();

        assertThat(Files.exists(maildir.resolve(MaildirLease.FILE))).isFalse();
        assertThat(MaildirLease.tryAcquire(maildir, "node-b s2", LEASE, CLOCK)).isPresent();
    }

    @Test
    void aLeaseNotRenewedForTheLeaseIsBrokenAndItsFormerHolderFindsItLost() throws Exception {
        MaildirLease dead = MaildirLease.tryAcquire(maildir, "node-a s1", LEASE, CLOCK).orElseThrow();
        lastRenewed(NOW.minus(LEASE).minusSeconds(1));

        Optional<MaildirLease> taken = MaildirLease.tryAcquire(maildir, "node-b s2", LEASE, CLOCK);

        assertThat(taken).isPresent();
        assertThat(MaildirLease.holder(maildir)).contains("node-b s2");
        assertThat(dead.isHeld(LEASE)).isFalse();
        assertThat(dead.renew()).isFalse();
        dead.release();
        assertThat(taken.get().isHeld(LEASE)).isTrue();
        try (var left = Files.list(maildir)) {
            assertThat(left).extracting(path -> path.getFileName().toString()).containsExactly(MaildirLease.FILE);
        }
    }

    @Test
    void aLeaseRenewedWithinTheLeaseIsNotBroken() throws Exception {
        MaildirLease holder = MaildirLease.tryAcquire(maildir, "node-a s1", LEASE, CLOCK).orElseThrow();
        lastRenewed(NOW.minus(LEASE).minusSeconds(1));

        assertThat(holder.renew()).isTrue();

        assertThat(MaildirLease.tryAcquire(maildir, "node-b s2", LEASE, CLOCK)).isEmpty();
        assertThat(holder.isHeld(LEASE)).isTrue();
    }
}
