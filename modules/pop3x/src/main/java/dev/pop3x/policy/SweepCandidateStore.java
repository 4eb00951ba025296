package dev.pop3x.policy;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropRouter;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.QuotaUsage;

/**
 * The maildrops of every backend, telling the {@link SweepLedger} about each user whose maildrop a session recorded
 * retrievals in: once the session is over and the retrievals are stored, the user is a candidate for the sweeper.
 */
public final class SweepCandidateStore implements MaildropStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(SweepCandidateStore.class);

    private final MaildropRouter backends;
    private final SweepLedger ledger;

    @Inject
    public SweepCandidateStore(MaildropRouter backends, SweepLedger ledger) {
        this.backends = backends;
        this.ledger = ledger;
    }

    @Override
    public Maildrop open(Username user) throws MaildropException {
        return new Recording(user, backends.open(user));
    }

    private final class Recording implements Maildrop {
        private final Username user;
        private final Maildrop maildrop;
        private boolean retrieved;

        Recording(Username user, Maildrop maildrop) {
            this.user = user;
            this.maildrop = maildrop;
        }

        @Override
        public List<MaildropMessage> messages() {
            return maildrop.messages();
        }

        @Override
        public InputStream content(MaildropMessage message) throws MaildropException {
            return maildrop.content(message);
        }

        @Override
        public InputStream headers(MaildropMessage message) throws MaildropException {
            return maildrop.headers(message);
        }

        @Override
        public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
            maildrop.markRetrieved(message, when);
            retrieved = true;
        }

        @Override
        public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
            maildrop.saveUniqueIds(uniqueIds);
        }

        @Override
        public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
            maildrop.expunge(messages);
        }

        @Override
        public QuotaUsage quota() throws MaildropException {
            return maildrop.quota();
        }

        @Override
        public Optional<Instant> lastLogin() throws MaildropException {
            return maildrop.lastLogin();
        }

        @Override
        public void recordLogin(Instant when) throws MaildropException {
            maildrop.recordLogin(when);
        }

        @Override
        public Optional<String> note(String name) throws MaildropException {
            return maildrop.note(name);
        }

        @Override
        public void saveNote(String name, String content) throws MaildropException {
            maildrop.saveNote(name, content);
        }

        @Override
        public Set<String> noteNames() throws MaildropException {
            return maildrop.noteNames();
        }

        @Override
        public void deleteNote(String name) throws MaildropException {
            maildrop.deleteNote(name);
        }

        @Override
        public void close() {
            maildrop.close();
            if (retrieved) {
                try {
                    ledger.retrieved(user);
                } catch (RuntimeException e) {
                    LOGGER.error("Cannot add {} to the sweep ledger: the sweeper will not visit them until the next full sweep", user.asString(), e);
                }
            }
        }
    }
}
