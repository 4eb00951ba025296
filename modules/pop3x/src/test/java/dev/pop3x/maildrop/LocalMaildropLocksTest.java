package dev.pop3x.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.MaildropLocks.Holder;
import dev.pop3x.maildrop.MaildropLocks.MaildropLock;

class LocalMaildropLocksTest {
    private static final Username BOB = Username.of("bob@example.com");
    private static final Duration WAIT = Duration.ofMillis(300);
    private static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(30);

    private final LocalMaildropLocks locks = new LocalMaildropLocks(WAIT, Optional.of(TAKE_OVER_AFTER));

    @Test
    void aFreeMaildropIsLockedAtOnce() {
        CompletableFuture<Optional<MaildropLock>> lock = locks.lock(BOB, new Session("session-1"));

        assertThat(lock).isCompletedWithValueMatching(Optional::isPresent);
        assertThat(locks.holder(Username.of("BOB@example.com"))).contains("session-1");
    }

    @Test
    void aSecondSessionWaitsForTheFirstToLetGo() throws Exception {
        MaildropLock first = locks.lock(BOB, new Session("session-1")).join().orElseThrow();
        CompletableFuture<Optional<MaildropLock>> second = locks.lock(BOB, new Session("session-2"));
        assertThat(second).isNotDone();

        first.release();

        assertThat(second.get(1, TimeUnit.SECONDS)).isPresent();
        assertThat(locks.holder(BOB)).contains("session-2");
    }

    @Test
    void aSecondSessionIsRefusedWhenTheFirstHoldsOnPastTheWait() throws Exception {
        locks.lock(BOB, new Session("session-1")).join().orElseThrow();
        long start = System.nanoTime();

        assertThat(locks.lock(BOB, new Session("session-2")).get(5, TimeUnit.SECONDS)).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(WAIT, MaildropLocks.BRIEF_HOLD_PATIENCE);
        assertThat(locks.holder(BOB)).contains("session-1");
    }

    @Test
    void aRequestThatGaveUpIsSkippedWhenTheLockIsReleased() throws Exception {
        MaildropLock first = locks.lock(BOB, new Session("session-1")).join().orElseThrow();
        assertThat(locks.lock(BOB, new Session("session-2")).get(5, TimeUnit.SECONDS)).isEmpty();
        CompletableFuture<Optional<MaildropLock>> third = locks.lock(BOB, new Session("session-3"));

        first.release();

        assertThat(third.get(1, TimeUnit.SECONDS)).isPresent();
        assertThat(locks.holder(BOB)).contains("session-3");
    }

    @Test
    void waitingRequestsGetTheLockInTheOrderTheyCame() throws Exception {
        MaildropLock first = locks.lock(BOB, new Session("session-1")).join().orElseThrow();
        CompletableFuture<Optional<MaildropLock>> second = locks.lock(BOB, new Session("session-2"));
        CompletableFuture<Optional<MaildropLock>> third = locks.lock(BOB, new Session("session-3"));

        first.release();

        assertThat(second.get(1, TimeUnit.SECONDS)).isPresent();
        assertThat(third).isNotDone();
    }

    @Test
    void releasingTwiceFreesNoOneElsesLock() {
        MaildropLock first = locks.lock(BOB, new Session("session-1")).join().orElseThrow();
        first.release();
        MaildropLock second = locks.lock(BOB, new Session("session-2")).join().orElseThrow();

        first.release();

        assertThat(locks.holder(BOB)).contains("session-2");
        second.release();
        assertThat(locks.holder(BOB)).isEmpty();
    }

    @Test
    void anIdleHolderIsAskedToYieldAndTheRequestWaitsForIt() throws Exception {
        Session idle = new Session("session-1").idle();
        MaildropLock first = locks.lock(BOB, idle).join().orElseThrow();
        CompletableFuture<Optional<MaildropLock>> second = locks.lock(BOB, new Session("session-2"));

        assertThat(idle.askedToYieldAfter).containsExactly(TAKE_OVER_AFTER);
        Thread.sleep(WAIT.toMillis() * 2);
        assertThat(second).as("waits past lock.wait for a holder that yields").isNotDone();
        first.release();

        assertThat(second.get(1, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void noHolderIsAskedToYieldWhenTakeOverIsOff() {
        LocalMaildropLocks strict = new LocalMaildropLocks(WAIT, Optional.empty());
        Session idle = new Session("session-1").idle();
        strict.lock(BOB, idle).join().orElseThrow();

        strict.lock(BOB, new Session("session-2"));

        assertThat(idle.askedToYieldAfter).isEmpty();
    }

    @Test
    void theDeletionPolicySkipsAMaildropInASession() {
        locks.lock(BOB, new Session("session-1")).join().orElseThrow();

        assertThat(locks.tryLockBriefly(BOB, "policy-sweeper")).isEmpty();
    }

    @Test
    void aLoginWaitsForTheDeletionPolicyLongerThanForASession() throws Exception {
        MaildropLock policy = locks.tryLockBriefly(BOB, "policy-sweeper").orElseThrow();
        CompletableFuture<Optional<MaildropLock>> login = locks.lock(BOB, new Session("session-1"));

        Thread.sleep(WAIT.toMillis() * 2);
        assertThat(login).isNotDone();
        policy.release();

        assertThat(login.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(locks.holder(BOB)).contains("session-1");
    }

    @Test
    void sessionsOfTwoDevicesHoldTheMaildropAtOnceAndASecondSessionOfOneDeviceWaits() {
        locks.lock(BOB, Optional.of("phone"), new Session("phone-1")).join().orElseThrow();

        assertThat(locks.lock(BOB, Optional.of("laptop"), new Session("laptop-1"))).isCompletedWithValueMatching(Optional::isPresent);
        assertThat(locks.lock(BOB, Optional.of("phone"), new Session("phone-2"))).isNotDone();
    }

    @Test
    void aWholeMaildropSessionWaitsForEveryDeviceSessionAndDevicesComingLaterWaitBehindIt() throws Exception {
        MaildropLock phone = locks.lock(BOB, Optional.of("phone"), new Session("phone-1")).join().orElseThrow();
        MaildropLock laptop = locks.lock(BOB, Optional.of("laptop"), new Session("laptop-1")).join().orElseThrow();
        CompletableFuture<Optional<MaildropLock>> whole = locks.lock(BOB, new Session("whole-1"));
        CompletableFuture<Optional<MaildropLock>> tablet = locks.lock(BOB, Optional.of("tablet"), new Session("tablet-1"));

        phone.release();
        assertThat(whole).isNotDone();
        laptop.release();

        assertThat(whole.get(1, TimeUnit.SECONDS)).isPresent();
        assertThat(tablet).isNotDone();
        whole.join().orElseThrow().release();
        assertThat(tablet.get(1, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void aDeviceThatNothingIsInTheWayOfIsNotQueuedBehindAnotherDevicesWaiter() {
        locks.lock(BOB, Optional.of("phone"), new Session("phone-1")).join().orElseThrow();
        assertThat(locks.lock(BOB, Optional.of("phone"), new Session("phone-2"))).isNotDone();

        assertThat(locks.lock(BOB, Optional.of("laptop"), new Session("laptop-1"))).isCompletedWithValueMatching(Optional::isPresent);
    }

    @Test
    void briefHoldersOfTheWholeMaildropSkipItWhileADeviceIsInASession() {
        MaildropLock phone = locks.lock(BOB, Optional.of("phone"), new Session("phone-1")).join().orElseThrow();

        assertThat(locks.tryLockBriefly(BOB, "policy-sweeper")).isEmpty();
        assertThat(locks.tryLockBriefly(BOB, Optional.of("phone"), "webadmin-forget-device")).isEmpty();
        assertThat(locks.tryLockBriefly(BOB, Optional.of("laptop"), "webadmin-forget-device")).isPresent();
        assertThat(locks.holder(BOB)).contains("phone-1");
        phone.release();
        assertThat(locks.tryLockBriefly(BOB, "policy-sweeper")).isEmpty();
    }

    @Test
    void theNotesLockIsHeldByOneThreadAtATime() throws Exception {
        MaildropLocks.NotesLock held = locks.lockNotes(BOB);
        CompletableFuture<MaildropLocks.NotesLock> other = CompletableFuture.supplyAsync(() -> {
            try {
                return locks.lockNotes(Username.of("BOB@example.com"));
            } catch (MaildropException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(locks.lockNotes(Username.of("alice@example.com"))).isNotNull();

        held.close();

        other.get(5, TimeUnit.SECONDS).close();
    }

    /** A session as the lock sees it: idle or not, and what it was asked. */
    private static final class Session implements Holder {
        private final String id;
        private boolean idle;
        private final List<Duration> askedToYieldAfter = new ArrayList<>();

        Session(String id) {
            this.id = id;
        }

        Session idle() {
            idle = true;
            return this;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean yieldIfIdle(Duration idleAtLeast, Holder requester) {
            askedToYieldAfter.add(idleAtLeast);
            return idle;
        }
    }
}
