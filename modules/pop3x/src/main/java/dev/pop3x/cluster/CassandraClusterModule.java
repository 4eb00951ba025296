package dev.pop3x.cluster;

import javax.inject.Singleton;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;

import dev.pop3x.maildrop.LeasedMaildropLocks;
import dev.pop3x.maildrop.MaildropLeases;
import dev.pop3x.policy.SweepLedger;

/**
 * pop3x on a James cluster through Cassandra: every maildrop locked across the nodes ({@link CassandraLeases}), and the
 * sweep ledger shared by their sweepers ({@link CassandraSweepLedger}), with the {@code CqlSession} of a
 * Cassandra James (distributed app): {@code guice.extension.module=dev.pop3x.Pop3xModule,dev.pop3x.cluster.CassandraClusterModule}
 * and {@code lock.cassandra-lease} in {@code pop3x.properties}. A James without Cassandra of its own adds
 * {@link CassandraSessionModule} too.
 */
public final class CassandraClusterModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraLeases.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), Key.get(MaildropLeases.class, Names.named(LeasedMaildropLocks.CLUSTER)))
            .setBinding().to(CassandraLeases.class);
        bind(CassandraSweepLedger.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), SweepLedger.class).setBinding().to(CassandraSweepLedger.class);
    }
}
