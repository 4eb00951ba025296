package dev.pop3x.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.MaildropLocks.MaildropLock;

class LocalMaildropLocksTest {
    private static final Username BOB = Username.of("bob@example.com");

    private final LocalMaildropLocks locks = new LocalMaildropLocks();

    @Test
    void aSecondSessionIsRefusedAtOnce() {
        assertThat(locks.tryLock(BOB, "session-1")).isPresent();
        long start = System.nanoTime();

        assertThat(locks.tryLock(Username.of("BOB@example.com"), "session-2")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MaildropLocks.BRIEF_HOLD_PATIENCE);
    }

    @Test
    void aReleasedLockCanBeTakenAgainAndReleasingTwiceFreesNoOneElsesLock() {
        MaildropLock first = locks.tryLock(BOB, "session-1").orElseThrow();
        first.release();
        MaildropLock second = locks.tryLock(BOB, "session-1").orElseThrow();

        first.release();

        assertThat(locks.holder(BOB)).contains("session-1");
        assertThat(locks.tryLock(BOB, "session-2")).isEmpty();
        second.release();
    }

    @Test
    void theDeletionPolicySkipsAMaildropInASession() {
        locks.tryLock(BOB, "session-1").orElseThrow();

        assertThat(locks.tryLockBriefly(BOB, "policy-sweeper")).isEmpty();
    }

    @Test
    void aLoginWaitsForTheDeletionPolicyInsteadOfBeingRefused() throws Exception {
        MaildropLock policy = locks.tryLockBriefly(BOB, "policy-sweeper").orElseThrow();
        CompletableFuture<Optional<MaildropLock>> login = CompletableFuture.supplyAsync(() -> locks.tryLock(BOB, "session-1"));

        Thread.sleep(100);
        assertThat(login).isNotDone();
        policy.release();

        assertThat(login.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(locks.holder(BOB)).contains("session-1");
    }
}
