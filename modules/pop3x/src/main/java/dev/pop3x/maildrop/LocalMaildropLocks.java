package dev.pop3x.maildrop;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.james.core.Username;

/** Maildrop locks held in this JVM: exclusive across the POP3 sessions of one James node. */
public final class LocalMaildropLocks implements MaildropLocks {
    private final ConcurrentMap<String, String> holders = new ConcurrentHashMap<>();

    @Override
    public Optional<MaildropLock> tryLock(Username user, String sessionId) {
        String key = user.asString().toLowerCase(Locale.ROOT);
        if (holders.putIfAbsent(key, sessionId) != null) {
            return Optional.empty();
        }
        return Optional.of(() -> holders.remove(key, sessionId));
    }

    /** Which session holds the user's maildrop, if any. */
    public Optional<String> holder(Username user) {
        return Optional.ofNullable(holders.get(user.asString().toLowerCase(Locale.ROOT)));
    }
}
