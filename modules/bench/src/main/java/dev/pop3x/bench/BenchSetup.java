package dev.pop3x.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.pop3x.it.CpuMeter;
import dev.pop3x.it.HeapMeter;
import dev.pop3x.it.JamesHome;
import dev.pop3x.it.JamesProcess;
import dev.pop3x.it.ListenPorts;
import dev.pop3x.it.PrivateDovecot;

/**
 * The servers the benchmark compares, on 127.0.0.1, each in its own process so that its CPU time can be read:
 * one James 3.8.1 memory server started as operators start it ({@code MemoryJamesServerMain}) with pop3x's POP3
 * chain on one port and James's stock chain on another, and a private Dovecot on the same Maildirs as pop3x's
 * {@code maildir} backend. Domain {@code james.bench} lives in James's mailboxes, {@code maildir.bench} in Maildirs.
 */
final class BenchSetup implements AutoCloseable {
    static final String JAMES_DOMAIN = "james.bench";
    static final String MAILDIR_DOMAIN = "maildir.bench";
    static final String PASSWORD = "bench-secret";

    private final Path root;
    private final JamesProcess james;
    private final PrivateDovecot dovecot;
    private final ListenPorts ports;
    private final int imapPort;
    private final List<Target> targets;
    private final List<JamesProcess> cluster;
    private final Target clusterTarget;
    private boolean closed;

    private BenchSetup(Path root, JamesProcess james, PrivateDovecot dovecot, ListenPorts ports, int imapPort, List<JamesProcess> cluster,
                       List<Integer> clusterPorts) throws IOException, InterruptedException {
        this.root = root;
        this.james = james;
        this.dovecot = dovecot;
        this.ports = ports;
        this.imapPort = imapPort;
        this.cluster = cluster;
        this.clusterTarget = new Target("pop3x maildir, 2 nodes", Target.Kind.MAILDIR, clusterPorts, MAILDIR_DOMAIN,
            new CpuMeter(cluster.stream().map(JamesProcess::pid).toList()), Optional.empty(), Optional.empty());
        CpuMeter jamesCpu = new CpuMeter(james.pid());
        Optional<HeapMeter> jamesHeap = Optional.of(new HeapMeter(james.pid()));
        StoreCallsMeter storeCalls = new StoreCallsMeter(ports.webAdmin());
        this.targets = List.of(
            new Target("Dovecot 2.3", Target.Kind.MAILDIR, dovecot.port(), MAILDIR_DOMAIN, new CpuMeter(dovecot.masterPid()), Optional.empty()),
            new Target("stock James", Target.Kind.JAMES, ports.pop3s(), JAMES_DOMAIN, jamesCpu, jamesHeap),
            new Target("pop3x maildir", Target.Kind.MAILDIR, ports.pop3(), MAILDIR_DOMAIN, jamesCpu, jamesHeap, storeCalls),
            new Target("pop3x james", Target.Kind.JAMES, ports.pop3(), JAMES_DOMAIN, jamesCpu, jamesHeap, storeCalls));
    }

    /**
     * @param users the local parts of every user the workloads need, created in both domains
     * @param jvmOptions James's JVM options (heap, profiler)
     */
    static BenchSetup start(Path root, String classpath, List<String> users, List<String> jvmOptions) throws Exception {
        Path maildirs = Files.createDirectories(root.resolve("maildir"));
        ListenPorts ports = JamesProcess.freePorts();
        int imapPort = JamesProcess.freePorts().pop3();
        JamesHome home = JamesHome.create(Files.createDirectories(root.resolve("james")), JamesHome.sampleConf(), ports);
        benchSettings(home, maildirs);
        stockSecondListener(home);
        // James's deleted-messages vault on memory storage looks up each deleted message by scanning every message of
        // every user (InMemoryMessageIdMapper): an artefact of the memory backend that would dominate W2 for both James
        // chains, so the benchmark runs without it
        home.delete("listeners.xml");
        home.edit("imapserver.xml", xml -> "<imapservers><imapserver enabled=\"true\"><jmxName>imapserver</jmxName>"
            + "<bind>127.0.0.1:" + imapPort + "</bind><connectionBacklog>200</connectionBacklog>"
            + "<tls socketTLS=\"false\" startTLS=\"false\"/><plainAuthDisallowed>false</plainAuthDisallowed>"
            + "<auth><plainAuthEnabled>true</plainAuthEnabled><requireSSL>false</requireSSL></auth></imapserver></imapservers>");
        JamesProcess james = JamesProcess.startMain(home, classpath, jvmOptions, BenchJamesMain.class.getName());
        try {
            return startDovecotBeside(root, classpath, james, ports, imapPort, maildirs, users);
        } catch (Exception | Error e) {
            // nothing the benchmark started may outlive a failed start
            james.close();
            throw e;
        }
    }

    /** pop3x's settings for the benchmark: the maildir domain's Maildirs where Dovecot reads them, no sweeper. */
    private static void benchSettings(JamesHome home, Path maildirs) {
        home.edit("pop3x.properties", properties -> properties
            .replace("maildrop.backend[maildir.pop3x.local]=maildir", "maildrop.backend[" + MAILDIR_DOMAIN + "]=maildir")
            .replace("maildir.location=var/maildir/%d/%n/Maildir", "maildir.location=" + maildirs + "/%d/%n/Maildir")
            .replace("policy.sweep-interval=1h", "policy.sweep-interval=0s"));
        // cheap password hashing on both sides (Dovecot: PLAIN), so that logins measure POP3, not PBKDF2
        home.edit("usersrepository.xml", xml -> xml.replace("<algorithm>PBKDF2-SHA512</algorithm>", "<algorithm>SHA-512</algorithm>"));
    }

    /**
     * Two more James nodes with pop3x on the same Maildirs, locking across each other with {@code lock.maildir-lease}
     * (as nodes on shared storage must), for W2's two-node figure; the maildir domain's W2 users only.
     */
    private static List<JamesProcess> startCluster(Path root, String classpath, Path maildirs, List<String> users, List<Integer> clusterPorts)
        throws Exception {
        List<JamesProcess> nodes = new ArrayList<>();
        try {
            for (int node = 1; node <= 2; node++) {
                ListenPorts nodePorts = JamesProcess.freePorts();
                JamesHome home = JamesHome.create(Files.createDirectories(root.resolve("node-" + node)), JamesHome.sampleConf(), nodePorts);
                home.delete("listeners.xml");
                benchSettings(home, maildirs);
                home.edit("pop3x.properties", properties -> properties.replace("lock.maildir-lease=off", "lock.maildir-lease=60s"));
                JamesProcess process = JamesProcess.startMain(home, classpath, List.of("-Xmx1g"), BenchJamesMain.class.getName());
                nodes.add(process);
                if (process.awaitListening(nodePorts.pop3()).isEmpty() || process.awaitListening(nodePorts.webAdmin()).isEmpty()) {
                    throw new IllegalStateException("James node " + node + " did not start:\n" + process.log());
                }
                WebAdminClient webAdmin = new WebAdminClient(nodePorts.webAdmin());
                webAdmin.put("/domains/" + MAILDIR_DOMAIN, "");
                for (String user : users) {
                    webAdmin.put("/users/" + user + "@" + MAILDIR_DOMAIN, "{\"password\":\"" + PASSWORD + "\"}");
                }
                clusterPorts.add(nodePorts.pop3());
            }
            return nodes;
        } catch (Exception | Error e) {
            nodes.forEach(JamesProcess::close);
            throw e;
        }
    }

    private static BenchSetup startDovecotBeside(Path root, String classpath, JamesProcess james, ListenPorts ports, int imapPort,
                                                 Path maildirs, List<String> users) throws Exception {
        if (james.awaitListening(ports.pop3()).isEmpty() || james.awaitListening(ports.webAdmin()).isEmpty()) {
            throw new IllegalStateException("James did not start:\n" + james.log());
        }
        james.awaitListening(imapPort);
        WebAdminClient webAdmin = new WebAdminClient(ports.webAdmin());
        webAdmin.put("/domains/" + JAMES_DOMAIN, "");
        webAdmin.put("/domains/" + MAILDIR_DOMAIN, "");
        Map<String, String> dovecotUsers = new LinkedHashMap<>();
        for (String user : users) {
            webAdmin.put("/users/" + user + "@" + JAMES_DOMAIN, "{\"password\":\"" + PASSWORD + "\"}");
            webAdmin.put("/users/" + user + "@" + MAILDIR_DOMAIN, "{\"password\":\"" + PASSWORD + "\"}");
            dovecotUsers.put(user + "@" + MAILDIR_DOMAIN, PASSWORD);
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Dovecot at its best: its high-performance mode, not Debian's defaults (a new process or two per connection)
        PrivateDovecot dovecot = PrivateDovecot.start(Files.createDirectories(root.resolve("dovecot")), maildirs,
            JamesProcess.freePorts().pop3(), dovecotUsers, Optional.of("%f"), PrivateDovecot.HIGH_PERFORMANCE);
        try {
            List<Integer> clusterPorts = new ArrayList<>();
            List<JamesProcess> cluster = startCluster(root, classpath, maildirs,
                users.stream().filter(user -> user.startsWith("w2-")).toList(), clusterPorts);
            try {
                return new BenchSetup(root, james, dovecot, ports, imapPort, cluster, clusterPorts);
            } catch (Exception | Error e) {
                cluster.forEach(JamesProcess::close);
                throw e;
            }
        } catch (Exception | Error e) {
            dovecot.close();
            throw e;
        }
    }

    /**
     * The second listener of conf/ (implicit TLS there) becomes stock James's: James's own listener and handler chain
     * (pop3server.xml), without TLS, on the same port; pop3x keeps the first.
     */
    private static void stockSecondListener(JamesHome home) {
        String pop3x = home.read("pop3xserver.xml");
        int start = pop3x.lastIndexOf("<pop3server ", pop3x.indexOf("<jmxName>pop3xserver-tls</jmxName>"));
        int end = pop3x.indexOf("</pop3server>", start) + "</pop3server>".length();
        String second = pop3x.substring(start, end)
            .replace("<jmxName>pop3xserver-tls</jmxName>", "<jmxName>pop3server-stock</jmxName>")
            .replace("<tls socketTLS=\"true\" startTLS=\"false\">", "<tls socketTLS=\"false\" startTLS=\"false\">")
            .replace("dev.pop3x.protocol.Pop3xHandlers", "org.apache.james.pop3server.core.CoreCmdHandlerLoader");
        home.edit("pop3xserver.xml", xml -> xml.substring(0, start) + xml.substring(end));
        home.edit("pop3server.xml", xml -> "<pop3servers>" + second + "</pop3servers>");
    }

    List<Target> targets() {
        return targets;
    }

    /** The just-in-time compilers of the James process that serves stock James and pop3x. */
    JitMeter jamesJit() {
        return new JitMeter(james.pid());
    }

    /** pop3x's maildir backend on two more James nodes sharing the Maildirs, with leases: W2's two-node figure. */
    Target cluster() {
        return clusterTarget;
    }

    int smtpPort() {
        return ports.smtp();
    }

    ImapFiller imap(String user) throws IOException {
        return new ImapFiller(imapPort, user, PASSWORD);
    }

    Path maildir(String user) {
        String local = user.substring(0, user.indexOf('@'));
        String domain = user.substring(user.indexOf('@') + 1);
        return root.resolve("maildir").resolve(domain).resolve(local).resolve("Maildir");
    }

    /** Lets Dovecot, which serves mail as an unprivileged user, rename and delete what the benchmark laid. */
    void openMaildirsToAll() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("maildir"))) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
    }

    Path jamesLog() {
        return root.resolve("james").resolve("james.log");
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            dovecot.close();
        } finally {
            cluster.forEach(JamesProcess::close);
            james.close();
        }
    }

    /** A minimal WebAdmin client for laying out domains and users. */
    private static final class WebAdminClient {
        private final int port;
        private final HttpClient http = HttpClient.newHttpClient();

        WebAdminClient(int port) {
            this.port = port;
        }

        void put(String path, String body) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + " " + response.body());
            }
        }
    }

    static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(String.format("%s-%03d", prefix, i));
        }
        return names;
    }
}
