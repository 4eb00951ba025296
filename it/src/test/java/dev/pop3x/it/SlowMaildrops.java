package dev.pop3x.it;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import javax.inject.Inject;

import org.apache.james.core.Username;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

import dev.pop3x.maildrop.ForwardingMaildrop;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.james.JamesMaildropStore;

/**
 * A maildrop backend named {@value #BACKEND} for the tests: James's mailboxes behind a store that takes
 * {@link #CALL} per call, as a store a network round trip away can (Cassandra, a database under load). An extension
 * module, added to {@code extensions.properties} beside pop3x's.
 */
public final class SlowMaildrops extends AbstractModule {
    static final String BACKEND = "slow";
    static final Duration CALL = Duration.ofMillis(200);

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, MaildropStore.class).addBinding(BACKEND).to(SlowStore.class);
    }

    static final class SlowStore implements MaildropStore {
        private final JamesMaildropStore james;

        @Inject
        SlowStore(JamesMaildropStore james) {
            this.james = james;
        }

        @Override
        public Maildrop open(Username user) throws MaildropException {
            call();
            return new SlowMaildrop(james.open(user));
        }
    }

    private static final class SlowMaildrop extends ForwardingMaildrop {
        SlowMaildrop(Maildrop maildrop) {
            super(maildrop);
        }

        @Override
        public InputStream content(MaildropMessage message) throws MaildropException {
            call();
            return super.content(message);
        }

        @Override
        public InputStream headers(MaildropMessage message) throws MaildropException {
            call();
            return super.headers(message);
        }

        @Override
        public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
            call();
            super.markRetrieved(message, when);
        }

        @Override
        public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
            call();
            super.expunge(messages);
        }
    }

    /** The store's latency. */
    private static void call() {
        try {
            Thread.sleep(CALL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
