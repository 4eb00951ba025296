package dev.pop3x.cluster;

import javax.inject.Singleton;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;


/**
 * A Cassandra session of pop3x's own, for James nodes without Cassandra (memory, JPA) that lock through one
 * ({@link CassandraClusterModule}): connects to {@code cassandra.contact-points} and creates {@code cassandra.keyspace}
 * when missing. The DataStax driver 4.15 jars (James 3.8.1's) go in {@code extensions-jars/} beside pop3x's. Not for
 * a Cassandra James, which binds its own session. The session lasts as long as James.
 */
public final class CassandraSessionModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraSessionModule.class);

    @Provides
    @Singleton
    CqlSession session(CassandraSettings settings) {
        try (CqlSession bootstrap = connect(settings).build()) {
            bootstrap.execute("CREATE KEYSPACE IF NOT EXISTS " + settings.keyspace()
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + settings.replicationFactor() + "}");
        }
        CqlSession session = connect(settings).withKeyspace(CqlIdentifier.fromCql(settings.keyspace())).build();
        LOGGER.info("Connected to Cassandra at {}, keyspace {}", settings.contactPoints(), settings.keyspace());
        return session;
    }

    private static CqlSessionBuilder connect(CassandraSettings settings) {
        return CqlSession.builder()
            .addContactPoints(settings.contactPoints())
            .withLocalDatacenter(settings.localDatacenter());
    }
}
