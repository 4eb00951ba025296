package dev.pop3x.protocol;

import java.time.Duration;

import javax.inject.Singleton;

import org.apache.james.core.Username;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Whether a login reads ahead the mail no client has retrieved yet ({@link MessagesAhead#fillAtLogin}). A client that
 * leaves mail on the server asks for exactly that mail after its UIDL, and a first download starts with it: read in
 * the storage call that opened the maildrop, it is sent at once on the event loop, where each RETR would otherwise
 * cost a thread hand-off there and back. The read costs what RETR's would have (on the {@code james} backend nothing
 * for new mail, which the login read already to measure its octets), unless the client does not retrieve it: one that
 * only checks for mail, reads headers with TOP, or leaves some mail unretrieved. So a user whose last session on this
 * node did not ask for all that its login read is not read ahead for again until a session of theirs retrieves mail
 * no client had retrieved.
 */
@Singleton
final class LoginReadAhead {
    /** Users remembered as not retrieving what was read ahead; the oldest are forgotten first. */
    private static final long USERS = 100_000;
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Cache<Username, Boolean> notRetrieving = CacheBuilder.newBuilder()
        .maximumSize(USERS)
        .expireAfterWrite(FORGET_AFTER)
        .build();

    /** Whether this user's login reads ahead (storage side). */
    boolean forLogin(Username user) {
        return notRetrieving.getIfPresent(user) == null;
    }

    /**
     * What a session of this user did with what its login read ahead, at its end (on the event loop).
     *
     * @param retrievedNewMail whether it retrieved a message no client had retrieved before
     */
    void ended(Username user, MessagesAhead ahead, boolean retrievedNewMail) {
        if (ahead.readAtLoginUnasked()) {
            notRetrieving.put(user, Boolean.TRUE);
        } else if (retrievedNewMail) {
            notRetrieving.invalidate(user);
        }
    }
}
