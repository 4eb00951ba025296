package dev.pop3x.stores;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.persistence.EntityManagerFactory;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.memory.MemoryBlobStoreFactory;
import org.apache.james.events.EventBusTestFixture;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.acl.UnionMailboxACLResolver;
import org.apache.james.mailbox.jpa.JPAAttachmentContentLoader;
import org.apache.james.mailbox.jpa.JPAMailboxFixture;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.openjpa.OpenJPAMailboxManager;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaDAO;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaManager;
import org.apache.james.mailbox.jpa.quota.JpaCurrentQuotaManager;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.extractor.DefaultTextExtractor;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.quota.StoreQuotaManager;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.openjpa.persistence.OpenJPAPersistence;

/**
 * James's JPA mailboxes (the JPA app's) and JPA quotas on the run's {@link PostgresServer}, through OpenJPA with the
 * properties James's JPA tests use; OpenJPA creates the {@code james_*} tables. James's JPA app binds no blob store at
 * all (its Guice modules have none), so pop3x's notes and imported unique-ids go to a memory blob store here: see
 * docs/stores.md.
 */
public final class PostgresJamesStore implements JamesStore {
    private final EntityManagerFactory entityManagers;
    private final StoreParts parts;

    public PostgresJamesStore(PostgresServer server) {
        Map<String, String> properties = new HashMap<>();
        properties.put("openjpa.ConnectionDriverName", "org.postgresql.Driver");
        properties.put("openjpa.ConnectionURL", server.jdbcUrl());
        properties.put("openjpa.ConnectionUserName", PostgresServer.ROLE);
        properties.put("openjpa.ConnectionPassword", "");
        properties.put("openjpa.jdbc.SynchronizeMappings", "buildSchema(ForeignKeys=true)");
        properties.put("openjpa.jdbc.SchemaFactory", "native(ForeignKeys=true)");
        properties.put("openjpa.jdbc.MappingDefaults", "ForeignKeyDeleteAction=cascade, JoinForeignKeyDeleteAction=cascade");
        properties.put("openjpa.jdbc.QuerySQLCache", "false");
        properties.put("openjpa.Multithreaded", "true");
        properties.put("openjpa.Log", "JDBC=WARN, SQL=WARN, Runtime=WARN");
        List<Class<?>> entities = Stream.concat(JPAMailboxFixture.MAILBOX_PERSISTANCE_CLASSES.stream(),
            JPAMailboxFixture.QUOTA_PERSISTANCE_CLASSES.stream()).collect(Collectors.toList());
        properties.put("openjpa.MetaDataFactory", "jpa(Types=" + entities.stream().map(Class::getName).collect(Collectors.joining(";")) + ")");
        entityManagers = OpenJPAPersistence.getEntityManagerFactory(properties);

        JPAMailboxSessionMapperFactory mappers = new JPAMailboxSessionMapperFactory(entityManagers, new JPAUidProvider(entityManagers),
            new JPAModSeqProvider(entityManagers));
        InVMEventBus eventBus = new InVMEventBus(new InVmEventDelivery(new RecordingMetricFactory()),
            EventBusTestFixture.RETRY_BACKOFF_CONFIGURATION, new MemoryEventDeadLetters());
        StoreRightManager rights = new StoreRightManager(mappers, new UnionMailboxACLResolver(), eventBus);
        SessionProviderImpl sessions = new SessionProviderImpl(null, null);
        JPAPerUserMaxQuotaManager maxQuotaManager = new JPAPerUserMaxQuotaManager(entityManagers, new JPAPerUserMaxQuotaDAO(entityManagers));
        JpaCurrentQuotaManager currentQuotas = new JpaCurrentQuotaManager(entityManagers);
        StoreQuotaManager quotaManager = new StoreQuotaManager(currentQuotas, maxQuotaManager);
        DefaultUserQuotaRootResolver quotaRoots = new DefaultUserQuotaRootResolver(sessions, mappers);
        OpenJPAMailboxManager mailboxManager = new OpenJPAMailboxManager(mappers, sessions, new MessageParser(), new DefaultMessageId.Factory(), eventBus,
            new StoreMailboxAnnotationManager(mappers, rights), rights, new QuotaComponents(maxQuotaManager, quotaManager, quotaRoots),
            new SimpleMessageSearchIndex(mappers, mappers, new DefaultTextExtractor(), new JPAAttachmentContentLoader()),
            new NaiveThreadIdGuessingAlgorithm(), Clock.systemUTC());
        eventBus.register(new ListeningCurrentQuotaUpdater(currentQuotas, quotaRoots, eventBus, quotaManager));
        eventBus.register(new MailboxAnnotationListener(mappers, sessions));
        BlobId.Factory blobIds = new HashBlobId.Factory();
        parts = new StoreParts(mailboxManager, quotaManager, maxQuotaManager, quotaRoots,
            MemoryBlobStoreFactory.builder().blobIdFactory(blobIds).defaultBucketName().passthrough(), blobIds);
    }

    @Override
    public StoreParts parts() {
        return parts;
    }

    @Override
    public String name() {
        return "jpa-postgresql";
    }

    @Override
    public void close() {
        entityManagers.close();
    }
}
