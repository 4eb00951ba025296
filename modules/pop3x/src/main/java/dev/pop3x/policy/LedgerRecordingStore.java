package dev.pop3x.policy;

import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.ForwardingMaildrop;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropRouter;
import dev.pop3x.maildrop.MaildropStore;

/**
 * The maildrops of every backend, telling the {@link SweepLedger} about each user whose maildrop a session recorded
 * retrievals in: once the session is over and the retrievals are stored, the user is a candidate for the sweeper.
 */
public final class LedgerRecordingStore implements MaildropStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(LedgerRecordingStore.class);

    private final MaildropRouter backends;
    private final SweepLedger ledger;

    @Inject
    public LedgerRecordingStore(MaildropRouter backends, SweepLedger ledger) {
        this.backends = backends;
        this.ledger = ledger;
    }

    @Override
    public Maildrop open(Username user) throws MaildropException {
        return new Recording(user, backends.open(user));
    }

    private final class Recording extends ForwardingMaildrop {
        private final Username user;
        private boolean retrieved;

        Recording(Username user, Maildrop maildrop) {
            super(maildrop);
            this.user = user;
        }

        @Override
        public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
            delegate().markRetrieved(message, when);
            retrieved = true;
        }

        @Override
        public void close() {
            delegate().close();
            if (retrieved) {
                try {
                    ledger.retrieved(user);
                } catch (RuntimeException e) {
                    LOGGER.error("Cannot add {} to the sweep ledger: the sweeper will not visit them until a WebAdmin policy run over every user",
                        user.asString(), e);
                }
            }
        }
    }
}
