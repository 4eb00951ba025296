package dev.pop3x.stores;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.CassandraTypesProvider;
import org.apache.james.backends.cassandra.init.KeyspaceFactory;
import org.apache.james.backends.cassandra.init.SessionWithInitializedTablesFactory;
import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.backends.cassandra.init.configuration.KeyspaceConfiguration;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.cassandra.CassandraBlobStoreFactory;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.cassandra.CassandraMailboxManager;
import org.apache.james.mailbox.cassandra.CassandraMailboxSessionMapperFactory;
import org.apache.james.mailbox.cassandra.ids.CassandraMessageId;
import org.apache.james.mailbox.cassandra.mail.MailboxAggregateModule;
import org.apache.james.mailbox.cassandra.mail.utils.GuiceUtils;
import org.apache.james.mailbox.cassandra.quota.CassandraCurrentQuotaManager;
import org.apache.james.mailbox.cassandra.quota.CassandraGlobalMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerDomainMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaManager;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.NoMailboxPathLocker;
import org.apache.james.mailbox.store.PreDeletionHooks;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.extractor.DefaultTextExtractor;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.quota.StoreQuotaManager;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.metrics.tests.RecordingMetricFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import dev.pop3x.it.CassandraServer;

/**
 * James's Cassandra mailboxes (the Cassandra and distributed apps'), with their Cassandra quotas and Cassandra blob
 * store, on the run's {@link CassandraServer}: James's schema code creates the keyspace and tables (through
 * {@link Cassandra5Schema}), James's classes are wired as its Guice modules wire them, with James's default limits
 * (annotations among them). The session is opened here rather than by James's {@code ClusterFactory}, whose
 * connection check calls {@code dateof()}, a function Cassandra 5.0 removed.
 */
public final class CassandraJamesStore implements JamesStore {
    private static final String KEYSPACE = "pop3x_stores";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CqlSession session;
    private final StoreParts parts;

    public CassandraJamesStore(CassandraServer server) {
        try (CqlSession bare = sessionBuilder(server).build()) {
            KeyspaceFactory.createKeyspace(KeyspaceConfiguration.builder().keyspace(KEYSPACE).replicationFactor(1).disableDurableWrites(), bare)
                .block();
        }
        session = sessionBuilder(server).withKeyspace(KEYSPACE).build();
        CassandraModule module = MailboxAggregateModule.MODULE_WITH_QUOTA;
        new SessionWithInitializedTablesFactory(new Cassandra5Schema(session), module).get();
        CassandraMessageId.Factory messageIds = new CassandraMessageId.Factory();
        CassandraMailboxSessionMapperFactory mappers = GuiceUtils.testInjector(session, new CassandraTypesProvider(session), messageIds,
            CassandraConfiguration.DEFAULT_CONFIGURATION).getInstance(CassandraMailboxSessionMapperFactory.class);
        BlobStore blobStore = CassandraBlobStoreFactory.forTesting(session, new RecordingMetricFactory()).passthrough();

        InVMEventBus eventBus = new InVMEventBus(new InVmEventDelivery(new RecordingMetricFactory()),
            EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION, new MemoryEventDeadLetters());
        StoreRightManager rights = new StoreRightManager(mappers, new UnionMailboxACLResolver(), eventBus);
        SessionProviderImpl sessions = new SessionProviderImpl(null, null);
        CassandraPerUserMaxQuotaManager maxQuotaManager = new CassandraPerUserMaxQuotaManager(new CassandraPerUserMaxQuotaDao(session),
            new CassandraPerDomainMaxQuotaDao(session), new CassandraGlobalMaxQuotaDao(session));
        CassandraCurrentQuotaManager currentQuotas = new CassandraCurrentQuotaManager(session);
        StoreQuotaManager quotaManager = new StoreQuotaManager(currentQuotas, maxQuotaManager);
        DefaultUserQuotaRootResolver quotaRoots = new DefaultUserQuotaRootResolver(sessions, mappers);
        CassandraMailboxManager mailboxManager = new CassandraMailboxManager(mappers, sessions, new NoMailboxPathLocker(), new MessageParser(), messageIds, eventBus,
            new StoreMailboxAnnotationManager(mappers, rights), rights, new QuotaComponents(maxQuotaManager, quotaManager, quotaRoots),
            new SimpleMessageSearchIndex(mappers, mappers, new DefaultTextExtractor(), null), MailboxManagerConfiguration.DEFAULT,
            PreDeletionHooks.NO_PRE_DELETION_HOOK, new NaiveThreadIdGuessingAlgorithm(), Clock.systemUTC());
        eventBus.register(new ListeningCurrentQuotaUpdater(currentQuotas, quotaRoots, eventBus, quotaManager));
        eventBus.register(new MailboxAnnotationListener(mappers, sessions));
        eventBus.register(mappers.deleteMessageListener());
        parts = new StoreParts(mailboxManager, quotaManager, maxQuotaManager, quotaRoots, blobStore, new HashBlobId.Factory());
    }

    @Override
    public StoreParts parts() {
        return parts;
    }

    /**
     * The driver's default 2 s timeouts (10 s for James's table creations) are for a node with cores of its own: on a
     * machine shared with the build, a table creation or a lightweight transaction takes longer now and then (James's
     * cassandra.properties allows longer ones too).
     */
    private static CqlSessionBuilder sessionBuilder(CassandraServer server) {
        return CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", server.nativePort()))
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, TIMEOUT)
                // James's schema code creates tables with this profile (10 s when none is configured)
                .startProfile("TABLE_CREATION")
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT.multipliedBy(2))
                .endProfile()
                .build());
    }

    /** The session on the keyspace, for tests that read James's tables beside it. */
    public CqlSession session() {
        return session;
    }

    @Override
    public String name() {
        return "cassandra";
    }

    @Override
    public void close() {
        session.close();
    }
}
