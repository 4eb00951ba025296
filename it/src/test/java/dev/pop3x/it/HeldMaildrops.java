package dev.pop3x.it;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;

import dev.pop3x.maildrop.ForwardingMaildrop;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.james.JamesMaildropStore;

/**
 * A maildrop backend named {@value #BACKEND} for the tests: James's mailboxes, whose expunge and close a test can
 * hold at a {@link Gate} (which also notes the threads that read messages' content) (reached through James's probes, {@link #PROBE}), to see what a client hears while the server is in the
 * middle of them. An extension module, added to {@code extensions.properties} beside pop3x's.
 */
public final class HeldMaildrops extends AbstractModule {
    static final String BACKEND = "held";

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, MaildropStore.class).addBinding(BACKEND).to(HeldStore.class);
    }

    /**
     * Makes the {@link Gate} one of James's probes: a module the test adds to the server (an extension module cannot
     * add to James's set of probes).
     */
    static final Module PROBE = binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding().to(Gate.class);

    /** Where the held maildrops' calls wait while a test holds them. */
    @Singleton
    public static final class Gate implements GuiceProbe {
        /** The calls a gate can hold. */
        enum Call { EXPUNGE, CLOSE }

        private final Set<Call> held = ConcurrentHashMap.newKeySet();
        private final Set<String> contentReaders = ConcurrentHashMap.newKeySet();
        private final BlockingQueue<Call> reached = new LinkedBlockingQueue<>();
        private volatile CountDownLatch opened = new CountDownLatch(0);

        /** From now, the call waits at the gate until {@link #open}. */
        void hold(Call call) {
            if (held.isEmpty()) {
                opened = new CountDownLatch(1);
            }
            held.add(call);
        }

        /** Waits until a held call reached the gate, and says which. */
        Call awaitReached() throws InterruptedException {
            Call call = reached.poll(30, TimeUnit.SECONDS);
            if (call == null) {
                throw new AssertionError("No held call reached the gate in 30 s");
            }
            return call;
        }

        /** Lets every held call through, and holds none from now. */
        void open() {
            held.clear();
            reached.clear();
            opened.countDown();
        }

        /** The threads that read a message's content so far. */
        Set<String> contentReaders() {
            return Set.copyOf(contentReaders);
        }

        void pass(Call call) {
            if (!held.contains(call)) {
                return;
            }
            reached.add(call);
            try {
                if (!opened.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The test never opened the gate of " + call);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final class HeldStore implements MaildropStore {
        private final JamesMaildropStore james;
        private final Gate gate;

        @Inject
        HeldStore(JamesMaildropStore james, Gate gate) {
            this.james = james;
            this.gate = gate;
        }

        @Override
        public Maildrop open(Username user) throws MaildropException {
            return new HeldMaildrop(james.open(user), gate);
        }
    }

    private static final class HeldMaildrop extends ForwardingMaildrop {
        private final Gate gate;

        HeldMaildrop(Maildrop maildrop, Gate gate) {
            super(maildrop);
            this.gate = gate;
        }

        @Override
        public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
            gate.pass(Gate.Call.EXPUNGE);
            super.expunge(messages);
        }

        @Override
        public InputStream content(MaildropMessage message) throws MaildropException {
            return new FilterInputStream(super.content(message)) {
                @Override
                public int read() throws IOException {
                    gate.contentReaders.add(Thread.currentThread().getName());
                    return super.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    gate.contentReaders.add(Thread.currentThread().getName());
                    return super.read(buffer, offset, length);
                }
            };
        }

        @Override
        public void close() {
            gate.pass(Gate.Call.CLOSE);
            super.close();
        }
    }
}
