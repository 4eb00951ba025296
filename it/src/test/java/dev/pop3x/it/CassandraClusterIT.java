package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * {@code dev.pop3x.cluster.CassandraClusterModule}: James nodes lock each maildrop across the nodes with a
 * compare-and-set row in a real Cassandra (5.0.9, in a JVM of its own), and share the sweep ledger there. Two memory James nodes in this JVM, and for a crash a third in a JVM of its
 * own with the driver jars dropped into extensions-jars/, killed with SIGKILL. Memory James nodes do not share
 * mailboxes: what is shared here, and tested, is the lock.
 */
class CassandraClusterIT implements CrossNodeLockContract {
    private static final String DOMAIN = "cluster.pop3x.local";

    @RegisterExtension
    @Order(1)
    static CassandraNode cassandra = new CassandraNode();

    @RegisterExtension
    @Order(2)
    static JamesServerExtension first = JamesServers.pop3xPerClass(home -> cassandra.leases(LEASE).accept(home));

    @RegisterExtension
    @Order(3)
    static JamesServerExtension second = JamesServers.pop3xPerClass(home -> cassandra.leases(LEASE).andThen(JamesServers.secondServer()).accept(home));

    private static RunningJames one;
    private static RunningJames two;
    private static CqlSession cql;

    @BeforeAll
    static void nodes() {
        one = new RunningJames(first.getGuiceJamesServer());
        two = new RunningJames(second.getGuiceJamesServer());
        cql = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace(CqlIdentifier.fromCql("pop3x"))
            .build();
    }

    @AfterAll
    static void disconnect() {
        cql.close();
    }

    @Override
    public RunningJames nodeOne() {
        return one;
    }

    @Override
    public RunningJames nodeTwo() {
        return two;
    }

    @Override
    public String domain() {
        return DOMAIN;
    }

    @Override
    public Consumer<JamesHome> nodeInItsOwnJvm() {
        return CassandraNode.driverJars().andThen(cassandra.leases(LEASE));
    }

    @Override
    public Optional<String> leaseHolder(String user) {
        return Optional.ofNullable(cql.execute("SELECT owner FROM pop3x_maildrop_lease WHERE maildrop = ?", user).one())
            .map((Row row) -> row.getString("owner"));
    }

    @Test
    void theLeaseRowNamesTheHoldingNodeAndGoesWithTheSession() {
        String user = userOnBothNodes("row");
        try (Pop3LineClient a = one.pop3()) {
            assertThat(a.login(user, PASSWORD)).startsWith("+OK");

            assertThat(leaseHolder(user)).hasValueSatisfying(owner -> assertThat(owner).startsWith(ProcessHandle.current().pid() + "@"));

            assertThat(a.command("QUIT")).startsWith("+OK");
        }
        assertThat(leaseHolder(user)).isEmpty();
    }

    @Test
    void aSessionWhoseLeaseLapsedAndWasTakenExpungesNothingAtQuit() throws Exception {
        String user = userOnBothNodes("lost");
        one.deliver(user, Messages.text("sender@example.test", user, "kept", "x\n"));
        try (Pop3LineClient a = one.pop3()) {
            assertThat(a.login(user, PASSWORD)).startsWith("+OK");
            assertThat(a.command("DELE 1")).startsWith("+OK");

            // what another node leaves that found this session's lease lapsed: its own row in place of this one's
            cql.execute("UPDATE pop3x_maildrop_lease SET owner = '9999@elsewhere s1 5f0e2a9c' WHERE maildrop = ?", user);

            assertThat(a.command("QUIT")).isEqualTo("-ERR [IN-USE] Some deleted messages were not removed");
        }
        assertThat(leaseHolder(user)).contains("9999@elsewhere s1 5f0e2a9c");
        cql.execute("DELETE FROM pop3x_maildrop_lease WHERE maildrop = ?", user);
        try (Pop3LineClient pop = one.pop3()) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            pop.command("QUIT");
        }
    }

    @Test
    void aSessionThatRetrievesMailPutsItsUserInTheSweepLedgerTheNodesShare() {
        String user = userOnBothNodes("reader");
        one.deliver(user, Messages.text("sender@example.test", user, "read", "x\n"));
        assertThat(ledgerEntries(user)).isZero();

        try (Pop3LineClient pop = one.pop3()) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            assertThat(pop.multiline("RETR 1").get(0)).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }

        Eventually.until(Duration.ofSeconds(10), "the user in the ledger", () -> ledgerEntries(user) == 1);
    }

    private static long ledgerEntries(String user) {
        return cql.execute("SELECT user FROM pop3x_sweep_ledger WHERE user = ? ALLOW FILTERING", user).all().size();
    }
}
