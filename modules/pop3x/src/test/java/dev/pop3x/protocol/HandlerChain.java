package dev.pop3x.protocol;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Singleton;

import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.adapter.mailbox.UserRepositoryAuthorizator;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerChainImpl;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.memory.MemoryUsersRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;

import dev.pop3x.BuildInfo;
import dev.pop3x.Pop3xSettings;
import dev.pop3x.auth.AuthSettings;
import dev.pop3x.config.Settings;
import dev.pop3x.maildrop.LocalMaildropLocks;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropSettings;
import dev.pop3x.maildrop.MaildropStore;
import io.netty.channel.DefaultEventLoop;

/**
 * pop3x's handler chain as James builds it from {@link Pop3xHandlers} (each handler made by Guice, then wired), on
 * James's own in-memory users repository and session provider, with the maildrops, settings and clock a test gives,
 * and one event loop for its connections: what the handler tests drive through {@link Pop3Script}, without a server.
 */
final class HandlerChain implements AutoCloseable {
    static final Domain DOMAIN = Domain.of("pop3x.test");

    private final ProtocolHandlerChainImpl chain;
    private final DefaultEventLoop eventLoop = new DefaultEventLoop();
    private final RecordingMetricFactory metrics;
    private final AtomicInteger clientPorts = new AtomicInteger(40_000);

    private final AuthSettings auth;

    private HandlerChain(ProtocolHandlerChainImpl chain, RecordingMetricFactory metrics, AuthSettings auth) {
        this.chain = chain;
        this.metrics = metrics;
        this.auth = auth;
    }

    static Builder builder() {
        return new Builder();
    }

    /** A connection from the loopback address. */
    Pop3Script connect() {
        return connectFrom("127.0.0.1");
    }

    Pop3Script connectFrom(String address) {
        return Pop3Script.connect(chain, eventLoop, new InetSocketAddress(address, clientPorts.incrementAndGet()), auth);
    }

    RecordingMetricFactory metrics() {
        return metrics;
    }

    @Override
    public void close() {
        eventLoop.shutdownGracefully();
    }

    static final class Builder {
        private final Map<String, String> settings = new HashMap<>();
        private final Map<String, String> passwords = new HashMap<>();
        private MaildropStore store = user -> {
            throw new IllegalStateException("No maildrop store given for " + user.asString());
        };
        private Clock clock = Clock.systemUTC();
        private AuthSettings auth = AuthSettings.DEFAULT;

        private Builder() {
        }

        /** A {@code pop3x.properties} line. */
        Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** A James user of the test domain: {@code user("alice", "secret")} is alice@pop3x.test. */
        Builder user(String localPart, String password) {
            passwords.put(localPart, password);
            return this;
        }

        Builder store(MaildropStore maildrops) {
            this.store = maildrops;
            return this;
        }

        Builder clock(Clock time) {
            this.clock = time;
            return this;
        }

        /** The {@code <auth>} block of the POP3 server. */
        Builder auth(AuthSettings settings) {
            this.auth = settings;
            return this;
        }

        HandlerChain build() throws UsersRepositoryException, WiringException {
            MemoryUsersRepository users = MemoryUsersRepository.withVirtualHosting(new OneDomain());
            for (Map.Entry<String, String> user : passwords.entrySet()) {
                users.addUser(Username.fromLocalPartWithDomain(user.getKey(), DOMAIN), user.getValue());
            }
            RecordingMetricFactory metrics = new RecordingMetricFactory();
            Injector injector = Guice.createInjector(new JamesServices(Pop3xSettings.of(settings), users, store, clock, metrics));
            ProtocolHandlerChainImpl chain = new ProtocolHandlerChainImpl();
            for (String handler : new Pop3xHandlers().getHandlers()) {
                chain.add((ProtocolHandler) injector.getInstance(loaded(handler)));
            }
            chain.wireExtensibleHandlers();
            return new HandlerChain(chain, metrics, auth);
        }

        /** The class of a handler James's chain names, as James's loader finds it. */
        private static Class<?> loaded(String className) {
            try {
                return Class.forName(className);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(className + " is in Pop3xHandlers but not on the class path", e);
            }
        }
    }

    /** What James binds and pop3x's handlers use, as the test gives it; the rest Guice makes as James would. */
    private static final class JamesServices extends AbstractModule {
        private final Settings settings;
        private final UsersRepository users;
        private final MaildropStore store;
        private final Clock clock;
        private final MetricFactory metrics;

        JamesServices(Settings settings, UsersRepository users, MaildropStore store, Clock clock, MetricFactory metrics) {
            this.settings = settings;
            this.users = users;
            this.store = store;
            this.clock = clock;
            this.metrics = metrics;
        }

        @Override
        protected void configure() {
            bind(Settings.class).toInstance(settings);
            // a provider, not an instance: Guice would inject the instance's members, which James binds elsewhere
            bind(UsersRepository.class).toProvider(() -> users);
            bind(SessionProvider.class).toInstance(new SessionProviderImpl(new UserRepositoryAuthenticator(users),
                new UserRepositoryAuthorizator(users)));
            bind(MaildropStore.class).toInstance(store);
            bind(MaildropLocks.class).to(LocalMaildropLocks.class).in(Singleton.class);
            bind(Clock.class).toInstance(clock);
            bind(MetricFactory.class).toInstance(metrics);
            bind(GaugeRegistry.class).toInstance(new NoopGaugeRegistry());
            bind(Texts.class).toInstance(Texts.load());
            bind(BuildInfo.class).toInstance(new BuildInfo("test"));
        }

        @Provides
        @Singleton
        MaildropSettings maildropSettings() {
            return MaildropSettings.from(settings, Set.of(MaildropSettings.JAMES_BACKEND));
        }
    }

    /** The one domain of the users repository. */
    private static final class OneDomain implements DomainList {
        @Override
        public List<Domain> getDomains() {
            return List.of(DOMAIN);
        }

        @Override
        public boolean containsDomain(Domain domain) {
            return DOMAIN.equals(domain);
        }

        @Override
        public void addDomain(Domain domain) {
            throw new UnsupportedOperationException("The handler tests have one domain");
        }

        @Override
        public void removeDomain(Domain domain) {
            throw new UnsupportedOperationException("The handler tests have one domain");
        }

        @Override
        public Domain getDefaultDomain() {
            return DOMAIN;
        }
    }
}
