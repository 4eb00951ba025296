package dev.pop3x.maildrop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.james.core.Username;

import dev.pop3x.config.MaildropSettings;

/**
 * Maildrop locks held in this JVM: exclusive across the POP3 sessions of one James node. A request that finds the
 * maildrop held waits in a queue, and the release hands the lock to the first request still waiting; nothing waits
 * on a thread (a login runs on the event loop of its connection, shared with many others).
 */
public final class LocalMaildropLocks implements MaildropLocks {
    private final Duration sessionPatience;
    private final Optional<Duration> takeOverAfter;
    private final Map<String, Maildrop> maildrops = new HashMap<>();

    @Inject
    public LocalMaildropLocks(MaildropSettings settings) {
        this(settings.lockWait(), settings.takeOverAfter());
    }

    public LocalMaildropLocks(Duration sessionPatience, Optional<Duration> takeOverAfter) {
        this.sessionPatience = sessionPatience;
        this.takeOverAfter = takeOverAfter;
    }

    @Override
    public CompletableFuture<Optional<MaildropLock>> lock(Username user, Optional<String> device, Holder requester) {
        String key = key(user, device);
        Held wanting = new Held(key, requester.id(), Optional.of(requester));
        Waiter waiter = new Waiter(wanting, new CompletableFuture<>());
        Held current;
        synchronized (this) {
            Maildrop maildrop = maildrops.get(key);
            if (maildrop == null) {
                maildrops.put(key, new Maildrop(wanting));
                return CompletableFuture.completedFuture(Optional.of(wanting));
            }
            current = maildrop.holder;
            maildrop.waiters.addLast(waiter);
        }
        Duration patience = current.session.isEmpty() ? BRIEF_HOLD_PATIENCE : sessionPatience;
        boolean yielding = takeOverAfter.isPresent() && current.session.isPresent()
            && current.session.get().yieldIfIdle(takeOverAfter.get(), requester);
        if (yielding && patience.compareTo(BRIEF_HOLD_PATIENCE) < 0) {
            // the holder ends on its own thread: give it the time a brief holder gets
            patience = BRIEF_HOLD_PATIENCE;
        }
        waiter.granted.completeOnTimeout(Optional.empty(), patience.toMillis(), TimeUnit.MILLISECONDS);
        waiter.granted.thenAccept(lock -> {
            if (lock.isEmpty()) {
                forget(key, waiter);
            }
        });
        return waiter.granted;
    }

    @Override
    public synchronized Optional<MaildropLock> tryLockBriefly(Username user, String holder) {
        String key = key(user, Optional.empty());
        if (maildrops.containsKey(key)) {
            return Optional.empty();
        }
        Held held = new Held(key, holder, Optional.empty());
        maildrops.put(key, new Maildrop(held));
        return Optional.of(held);
    }

    @Override
    public synchronized Optional<String> holder(Username user, Optional<String> device) {
        return Optional.ofNullable(maildrops.get(key(user, device))).map(maildrop -> maildrop.holder.id);
    }

    private synchronized void forget(String key, Waiter waiter) {
        Maildrop maildrop = maildrops.get(key);
        if (maildrop != null) {
            maildrop.waiters.remove(waiter);
        }
    }

    /** Hands the maildrop to the first request still waiting, or frees it. */
    private void release(Held held) {
        Waiter next;
        synchronized (this) {
            Maildrop maildrop = maildrops.get(held.key);
            if (maildrop == null || maildrop.holder != held) {
                return;
            }
            next = maildrop.waiters.pollFirst();
            if (next == null) {
                maildrops.remove(held.key);
                return;
            }
            maildrop.holder = next.wanting;
        }
        // outside the lock: completing runs what waits on the future
        if (!next.granted.complete(Optional.of(next.wanting))) {
            // it gave up waiting just now: on to the next one
            release(next.wanting);
        }
    }

    /** The user, and the device after a '#', which no user name can hold after its domain. */
    private static String key(Username user, Optional<String> device) {
        return user.asString().toLowerCase(Locale.ROOT) + device.map(name -> "#" + name).orElse("");
    }

    /** A user's maildrop while someone holds it. */
    private static final class Maildrop {
        private Held holder;
        private final Deque<Waiter> waiters = new ArrayDeque<>();

        Maildrop(Held holder) {
            this.holder = holder;
        }
    }

    private static final class Waiter {
        private final Held wanting;
        private final CompletableFuture<Optional<MaildropLock>> granted;

        Waiter(Held wanting, CompletableFuture<Optional<MaildropLock>> granted) {
            this.wanting = wanting;
            this.granted = granted;
        }
    }

    /** One holding of a maildrop; a release of an earlier holding never frees a later one. */
    private final class Held implements MaildropLock {
        private final String key;
        private final String id;
        /** The session holding it; empty for a brief holder. */
        private final Optional<Holder> session;

        Held(String key, String id, Optional<Holder> session) {
            this.key = key;
            this.id = id;
            this.session = session;
        }

        @Override
        public void release() {
            LocalMaildropLocks.this.release(this);
        }
    }
}
