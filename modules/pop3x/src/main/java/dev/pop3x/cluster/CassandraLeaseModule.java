package dev.pop3x.cluster;

import javax.inject.Singleton;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;

import dev.pop3x.maildrop.LeasedMaildropLocks;
import dev.pop3x.maildrop.MaildropLeases;

/**
 * Locks every maildrop across James nodes through Cassandra ({@link CassandraLeases}), with the {@code CqlSession} of a
 * Cassandra James (distributed app): {@code guice.extension.module=dev.pop3x.Pop3xModule,dev.pop3x.cluster.CassandraLeaseModule}
 * and {@code lock.cassandra-lease} in {@code pop3x.properties}. A James without Cassandra of its own adds
 * {@link CassandraSessionModule} too.
 */
public final class CassandraLeaseModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraLeases.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), Key.get(MaildropLeases.class, Names.named(LeasedMaildropLocks.CLUSTER)))
            .setBinding().to(CassandraLeases.class);
    }
}
