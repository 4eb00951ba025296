package dev.pop3x.maildrop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.james.core.Username;

/**
 * Maildrop locks held in this JVM, following the lock model of {@link MaildropLocks} across the POP3 sessions of one
 * James node. A request that finds holders in its way waits in the user's queue, and each release grants the requests
 * still waiting that nothing holds in their way and that no earlier request in the queue would be in the way of;
 * nothing waits on a thread (a login runs on the event loop of its connection, shared with many others). The notes
 * lock is a plain lock per user, taken on a storage thread.
 */
public final class LocalMaildropLocks implements MaildropLocks {
    private final Duration sessionPatience;
    private final Optional<Duration> takeOverAfter;
    private final Map<String, Maildrop> maildrops = new HashMap<>();
    private final Map<String, Notes> notes = new HashMap<>();

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
        String key = MaildropKey.of(user);
        Held wanting = new Held(key, device, requester.id(), Optional.of(requester));
        Waiter waiter = new Waiter(wanting, new CompletableFuture<>());
        List<Held> inTheWay;
        synchronized (this) {
            Maildrop maildrop = maildrops.computeIfAbsent(key, any -> new Maildrop());
            if (maildrop.admits(device) && maildrop.waiters.stream().noneMatch(before -> conflict(before.wanting.device, device))) {
                maildrop.hold(wanting);
                return CompletableFuture.completedFuture(Optional.of(wanting));
            }
            inTheWay = maildrop.holdersInTheWayOf(device);
            maildrop.waiters.addLast(waiter);
        }
        Duration patience = !inTheWay.isEmpty() && inTheWay.stream().allMatch(held -> held.session.isEmpty())
            ? BRIEF_HOLD_PATIENCE
            : sessionPatience;
        boolean yielding = false;
        for (Held held : inTheWay) {
            if (takeOverAfter.isPresent() && held.session.isPresent() && held.session.get().yieldIfIdle(takeOverAfter.get(), requester)) {
                yielding = true;
            }
        }
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
    public synchronized Optional<MaildropLock> tryLockBriefly(Username user, Optional<String> device, String holder) {
        String key = MaildropKey.of(user);
        Maildrop maildrop = maildrops.computeIfAbsent(key, any -> new Maildrop());
        if (!maildrop.admits(device)) {
            return Optional.empty();
        }
        Held held = new Held(key, device, holder, Optional.empty());
        maildrop.hold(held);
        return Optional.of(held);
    }

    @Override
    public synchronized Optional<String> holder(Username user, Optional<String> device) {
        Maildrop maildrop = maildrops.get(MaildropKey.of(user));
        if (maildrop == null) {
            return Optional.empty();
        }
        if (maildrop.whole != null) {
            return Optional.of(maildrop.whole.id);
        }
        return device.isPresent()
            ? Optional.ofNullable(maildrop.devices.get(device.get())).map(held -> held.id)
            : maildrop.devices.values().stream().findFirst().map(held -> held.id);
    }

    @Override
    public NotesLock lockNotes(Username user) throws MaildropException {
        String key = MaildropKey.of(user);
        Notes entry;
        synchronized (notes) {
            entry = notes.computeIfAbsent(key, any -> new Notes());
            entry.users++;
        }
        boolean locked = false;
        try {
            locked = entry.lock.tryAcquire(BRIEF_HOLD_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!locked) {
                leave(key, entry);
            }
        }
        if (!locked) {
            throw MaildropException.temporary("The notes of " + user.asString() + " are locked for longer than " + BRIEF_HOLD_PATIENCE, null);
        }
        return new NotesHeld(key, entry);
    }

    private void leave(String key, Notes entry) {
        synchronized (notes) {
            entry.users--;
            if (entry.users == 0) {
                notes.remove(key);
            }
        }
    }

    private synchronized void forget(String key, Waiter waiter) {
        Maildrop maildrop = maildrops.get(key);
        if (maildrop != null && maildrop.waiters.remove(waiter)) {
            // a request behind it may no longer have anything in its way
            grant(key);
        }
    }

    /** Lets go of the holding, and grants the requests it was in the way of. */
    private void release(Held held) {
        synchronized (this) {
            Maildrop maildrop = maildrops.get(held.key);
            if (maildrop == null || !maildrop.let(held)) {
                return;
            }
        }
        grant(held.key);
    }

    /** Grants every waiting request nothing is in the way of, in order; frees the maildrop when nobody is left. */
    private void grant(String key) {
        List<Waiter> granted = new ArrayList<>();
        synchronized (this) {
            Maildrop maildrop = maildrops.get(key);
            if (maildrop == null) {
                return;
            }
            List<Waiter> earlier = new ArrayList<>();
            for (Iterator<Waiter> waiters = maildrop.waiters.iterator(); waiters.hasNext(); ) {
                Waiter waiter = waiters.next();
                Optional<String> device = waiter.wanting.device;
                if (maildrop.admits(device) && earlier.stream().noneMatch(before -> conflict(before.wanting.device, device))) {
                    waiters.remove();
                    maildrop.hold(waiter.wanting);
                    granted.add(waiter);
                } else {
                    earlier.add(waiter);
                }
            }
            if (maildrop.isFree()) {
                maildrops.remove(key);
            }
        }
        // outside the lock: completing runs what waits on the future
        for (Waiter waiter : granted) {
            if (!waiter.granted.complete(Optional.of(waiter.wanting))) {
                // it gave up waiting just now: on to the next one
                release(waiter.wanting);
            }
        }
    }

    /** Whether two holdings exclude each other: either is of the whole maildrop, or both of the same device. */
    private static boolean conflict(Optional<String> one, Optional<String> other) {
        return one.isEmpty() || other.isEmpty() || one.equals(other);
    }

    /** A user's maildrop while someone holds it or waits for it. */
    private static final class Maildrop {
        private Held whole;
        private final Map<String, Held> devices = new HashMap<>();
        private final Deque<Waiter> waiters = new ArrayDeque<>();

        boolean admits(Optional<String> device) {
            return holdersInTheWayOf(device).isEmpty();
        }

        List<Held> holdersInTheWayOf(Optional<String> device) {
            List<Held> inTheWay = new ArrayList<>();
            if (whole != null) {
                inTheWay.add(whole);
            }
            if (device.isEmpty()) {
                inTheWay.addAll(devices.values());
            } else if (devices.containsKey(device.get())) {
                inTheWay.add(devices.get(device.get()));
            }
            return inTheWay;
        }

        void hold(Held held) {
            if (held.device.isPresent()) {
                devices.put(held.device.get(), held);
            } else {
                whole = held;
            }
        }

        /** Removes the holding if it is current; false when it is not (released already). */
        boolean let(Held held) {
            if (held.device.isPresent()) {
                return devices.remove(held.device.get(), held);
            }
            if (whole != held) {
                return false;
            }
            whole = null;
            return true;
        }

        boolean isFree() {
            return whole == null && devices.isEmpty() && waiters.isEmpty();
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
        private final Optional<String> device;
        private final String id;
        /** The session holding it; empty for a brief holder. */
        private final Optional<Holder> session;

        Held(String key, Optional<String> device, String id, Optional<Holder> session) {
            this.key = key;
            this.device = device;
            this.id = id;
            this.session = session;
        }

        @Override
        public void release() {
            LocalMaildropLocks.this.release(this);
        }
    }

    /** A user's notes lock, and how many threads hold or want it (the entry goes when none do). */
    private static final class Notes {
        /** Not a ReentrantLock: released by whichever thread closes it, and never taken twice by one holder. */
        private final Semaphore lock = new Semaphore(1, true);
        private int users;
    }

    private final class NotesHeld implements NotesLock {
        private final String key;
        private final Notes entry;
        private boolean closed;

        NotesHeld(String key, Notes entry) {
            this.key = key;
            this.entry = entry;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            entry.lock.release();
            leave(key, entry);
        }
    }
}
