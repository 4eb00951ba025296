package dev.pop3x.it;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.QuotaUsage;

/**
 * Maildrop backends that fail, bound by name the way any extension adds a backend, so that tests can show what
 * clients get when storage fails: {@code failing-temporarily} and {@code failing-permanently} cannot be opened;
 * {@code unreadable} lists one message but can neither read nor expunge it.
 */
public final class FailingBackends extends AbstractModule {
    @Override
    protected void configure() {
        MapBinder<String, MaildropStore> backends = MapBinder.newMapBinder(binder(), String.class, MaildropStore.class);
        backends.addBinding("failing-temporarily").toInstance(user -> {
            throw MaildropException.temporary("storage timed out (test)", null);
        });
        backends.addBinding("failing-permanently").toInstance(user -> {
            throw MaildropException.permanent("maildrop is corrupt (test)", null);
        });
        backends.addBinding("unreadable").toInstance(Unreadable::new);
    }

    private static final class Unreadable implements Maildrop {
        private Unreadable(Username user) {
        }

        @Override
        public List<MaildropMessage> messages() {
            return List.of(new MaildropMessage("unreadable-1", 100, Instant.EPOCH, Optional.empty()));
        }

        @Override
        public InputStream content(MaildropMessage message) throws MaildropException {
            throw MaildropException.temporary("read timed out (test)", null);
        }

        @Override
        public InputStream headers(MaildropMessage message) throws MaildropException {
            throw MaildropException.permanent("message is corrupt (test)", null);
        }

        @Override
        public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
            throw MaildropException.temporary("flag update timed out (test)", null);
        }

        @Override
        public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
            throw MaildropException.temporary("saving unique-ids timed out (test)", null);
        }

        @Override
        public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
            throw MaildropException.temporary("expunge timed out (test)", null);
        }

        @Override
        public QuotaUsage quota() {
            return QuotaUsage.UNLIMITED;
        }

        @Override
        public Optional<Instant> lastLogin() {
            return Optional.empty();
        }

        @Override
        public void recordLogin(Instant when) {
        }

        @Override
        public void close() {
        }
    }
}
