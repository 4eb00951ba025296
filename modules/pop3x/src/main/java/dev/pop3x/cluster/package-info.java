/**
 * pop3x on James nodes sharing a Cassandra: {@link dev.pop3x.cluster.CassandraClusterModule} (add it to
 * {@code guice.extension.module}) binds {@link dev.pop3x.cluster.CassandraLeases} (every maildrop lock's lease, and the
 * notes lock's, a compare-and-set row with a TTL) and {@link dev.pop3x.cluster.CassandraSweepLedger};
 * {@link dev.pop3x.cluster.CassandraSessionModule} gives a James without Cassandra of its own a session.
 */
package dev.pop3x.cluster;
