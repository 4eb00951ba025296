package dev.pop3x.cluster;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/**
 * How a James node without Cassandra of its own (memory, JPA) reaches the Cassandra that holds pop3x's leases, read by
 * {@code dev.pop3x.cluster.CassandraSessionModule}; a Cassandra James (distributed, cassandra app) lends its own
 * session instead and ignores these. {@code cassandra.contact-points} lists {@code host:port} pairs,
 * {@code cassandra.keyspace} is created when missing with {@code cassandra.replication-factor} copies
 * (SimpleStrategy).
 */
@Singleton
public final class CassandraSettings {
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:]+\\]):([0-9]{1,5})");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    public static final Setting<List<InetSocketAddress>> CONTACT_POINTS = Setting.of("cassandra.contact-points",
        List.of(InetSocketAddress.createUnresolved("127.0.0.1", 9042)), "host:port pairs separated by commas, e.g. cass1:9042,cass2:9042",
        CassandraSettings::contactPoints, CassandraSettings::print);
    public static final Setting<String> LOCAL_DATACENTER = Setting.of("cassandra.local-datacenter", "datacenter1",
        "the name of Cassandra's data center nearest to this node", text -> Optional.of(text).filter(name -> !name.isBlank()), name -> name);
    public static final Setting<String> KEYSPACE = Setting.of("cassandra.keyspace", "pop3x",
        "a keyspace name (lower-case letters, digits, '_')", text -> Optional.of(text).filter(name -> NAME.matcher(name).matches()), name -> name);
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("cassandra.replication-factor", 1, 1, 9);

    public static final List<Setting<?>> ALL = List.of(CONTACT_POINTS, LOCAL_DATACENTER, KEYSPACE, REPLICATION_FACTOR);

    private final Settings values;

    @Inject
    public CassandraSettings(Settings values) {
        this.values = values;
    }

    private static Optional<List<InetSocketAddress>> contactPoints(String text) {
        List<InetSocketAddress> points = new ArrayList<>();
        for (String item : text.split(",")) {
            Matcher matcher = HOST_PORT.matcher(item.strip());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            int port = Integer.parseInt(matcher.group(2));
            if (port < 1 || port > 65_535) {
                return Optional.empty();
            }
            points.add(InetSocketAddress.createUnresolved(matcher.group(1), port));
        }
        return Optional.of(List.copyOf(points));
    }

    private static String print(List<InetSocketAddress> points) {
        List<String> items = new ArrayList<>();
        for (InetSocketAddress point : points) {
            items.add(point.getHostString() + ":" + point.getPort());
        }
        return String.join(",", items);
    }

    public List<InetSocketAddress> contactPoints() {
        return values.get(CONTACT_POINTS);
    }

    public String localDatacenter() {
        return values.get(LOCAL_DATACENTER);
    }

    public String keyspace() {
        return values.get(KEYSPACE);
    }

    public int replicationFactor() {
        return values.get(REPLICATION_FACTOR);
    }
}
