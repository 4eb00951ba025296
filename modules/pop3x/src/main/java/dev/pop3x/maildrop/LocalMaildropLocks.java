package dev.pop3x.maildrop;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;

/**
 * Maildrop locks held in this JVM: exclusive across the POP3 sessions of one James node. A login that finds the
 * maildrop held by a brief holder (the deletion policy) waits for it, up to {@link #BRIEF_HOLD_PATIENCE}.
 */
public final class LocalMaildropLocks implements MaildropLocks {
    private final Map<String, Holder> holders = new HashMap<>();

    @Override
    public Optional<MaildropLock> tryLock(Username user, String sessionId) {
        return lock(key(user), new Holder(sessionId, false));
    }

    @Override
    public Optional<MaildropLock> tryLockBriefly(Username user, String holder) {
        return lock(key(user), new Holder(holder, true));
    }

    /** Which session holds the user's maildrop, if any. */
    public synchronized Optional<String> holder(Username user) {
        return Optional.ofNullable(holders.get(key(user))).map(holder -> holder.id);
    }

    private synchronized Optional<MaildropLock> lock(String key, Holder candidate) {
        long deadline = System.nanoTime() + BRIEF_HOLD_PATIENCE.toNanos();
        while (true) {
            Holder current = holders.get(key);
            if (current == null) {
                holders.put(key, candidate);
                return Optional.of(() -> release(key, candidate));
            }
            long left = deadline - System.nanoTime();
            if (candidate.brief || !current.brief || left <= 0) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private synchronized void release(String key, Holder holder) {
        if (holders.remove(key, holder)) {
            notifyAll();
        }
    }

    private static String key(Username user) {
        return user.asString().toLowerCase(Locale.ROOT);
    }

    /** Who holds a maildrop; each lock is its own holder, so a release never frees someone else's lock. */
    private static final class Holder {
        private final String id;
        private final boolean brief;

        Holder(String id, boolean brief) {
            this.id = id;
            this.brief = brief;
        }
    }
}
