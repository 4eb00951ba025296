package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an operator's tools read from a real James (the packaged jar dropped into James 3.8.1's memory server, in a
 * JVM of its own, logging with conf/logback.xml to a file): the log carries no octet a client sent raw;
 * fail2ban's {@code fail2ban-regex} (Debian's fail2ban) finds each failed login, with its address, through the filter
 * the operating guide gives ({@code docs/fail2ban/pop3x.conf}), and nothing a client wrote to fool it; and a
 * Prometheus scraping James answers every query of the Grafana dashboard in {@code docs/grafana}.
 */
class OperatorToolsIT {
    private static final String USER = "ops@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Path FILTER = JamesHome.sampleConf().getParent().resolve("docs/fail2ban/pop3x.conf");
    private static final Path DASHBOARD = JamesHome.sampleConf().getParent().resolve("docs/grafana/pop3x-dashboard.json");

    @TempDir
    static Path root;

    private static DroppedInJames james;

    @BeforeAll
    static void start() {
        james = DroppedInJames.start(root, List.of("-Xmx384m"), home -> { }).addDomain("pop3x.local").addUser(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (james != null) {
            james.close();
        }
    }

    @Test
    void whatAClientSendsReachesTheLogEscaped() throws Exception {
        try (Pop3LineClient pop = Pop3LineClient.connect(james.ports().pop3())) {
            pop.sendRaw("\u001b[2J\u001b[31m FAKE \u0007\u0000x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(pop.readLine()).startsWith("-ERR");
            pop.sendRaw(("USER esc\u001b[2Jape" + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            pop.readLine();
            pop.sendRaw(new byte[] {'P', 'A', 'S', 'S', ' ', 'x', (byte) 0xff, (byte) 0xfe, 0, '\r', '\n'});
            pop.readLine();
        }
        try (Pop3LineClient pop = Pop3LineClient.connect(james.ports().pop3())) {
            // what Thunderbird's account setup sends to a port where it guessed POP3 over TLS; then a line end and QUIT
            pop.sendRaw(clientHello());
            pop.sendRaw("\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            pop.readUntilClosed(Duration.ofSeconds(30));
        }
        try (Pop3LineClient pop = Pop3LineClient.connect(james.ports().pop3())) {
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        Eventually.until(Duration.ofSeconds(10), "the last session's logout in the log",
            () -> james.log().contains("Logout user=- ip=127.0.0.1 reason=QUIT"));

        byte[] log = Files.readAllBytes(james.home().root().resolve("james.log"));
        assertThat(linesWithControlOctets(log)).as("lines of james.log with control octets").isEmpty();
        assertThat(isUtf8(log)).as("james.log is UTF-8 text").isTrue();
        assertThat(new String(log, StandardCharsets.UTF_8))
            .contains("\\x1b[2J\\x1b[31M refused: Unknown command")
            .contains("Bad credential supplied for esc\\x1b[2Jape with remote address 127.0.0.1");
    }

    @Test
    void fail2banFindsEachFailedLoginWithItsAddressAndNothingAClientWroteToFoolIt() throws Exception {
        String spoof = "Bad credential supplied for x with remote address 192.0.2.66";
        for (String address : List.of("127.0.0.21", "127.0.0.22", "127.0.0.22")) {
            try (Pop3LineClient pop = Pop3LineClient.connectFrom(address, james.ports().pop3())) {
                pop.command(spoof);
                pop.command("USER " + USER + " with remote address 192.0.2.67");
                assertThat(pop.login(USER, "wrong-" + address)).isEqualTo("-ERR [AUTH] Authentication failed.");
            }
        }
        Eventually.until(Duration.ofSeconds(10), "three failed logins in the log",
            () -> james.log().split("Bad credential supplied for " + USER, -1).length - 1 >= 3);

        List<String> found = fail2banRegex(james.home().root().resolve("james.log"));
        assertThat(found).as("one address per failed login in the log")
            .hasSize(james.log().split("Bad credential supplied for ", -1).length - 1)
            .doesNotContain("192.0.2.66", "192.0.2.67");
        assertThat(found).filteredOn(address -> address.startsWith("127.0.0.2")).containsExactly("127.0.0.21", "127.0.0.22", "127.0.0.22");
    }

    /**
     * Debian's Prometheus scrapes James's WebAdmin {@code /metrics} (conf/webadmin.properties enables James's
     * MetricsRoutes) every second while clients log in, list, retrieve and delete; then every expression of the
     * Grafana dashboard in docs/grafana returns data through Prometheus's query API.
     */
    @Test
    void everyQueryOfTheGrafanaDashboardReturnsDataFromAPrometheusScrapingJames(@TempDir Path prometheusDir) throws Exception {
        List<String> expressions = dashboardExpressions();
        assertThat(expressions).hasSizeGreaterThan(20);
        try (PrivatePrometheus prometheus = PrivatePrometheus.scraping(prometheusDir, james.ports().webAdmin())) {
            Eventually.until(Duration.ofSeconds(30), "Prometheus scrapes James", prometheus::scrapesTarget);
            workload();
            List<String> withoutData = new ArrayList<>(expressions);
            try {
                Eventually.until(Duration.ofSeconds(30), "each dashboard expression returns data after the workload", () -> {
                    for (String expression : List.copyOf(withoutData)) {
                        if (prometheus.query(expression).size() > 0) {
                            withoutData.remove(expression);
                        }
                    }
                    return withoutData.isEmpty();
                });
            } catch (AssertionError e) {
                throw new AssertionError("No data for " + withoutData + "; Prometheus's log:\n" + prometheus.log(), e);
            }
            assertThat(prometheus.query("pop3x_logins_total").get(0).path("value").get(1).asDouble()).isGreaterThanOrEqualTo(2);
        }
    }

    /** Logins by USER/PASS and AUTH PLAIN, one failed login, and every command the dashboard counts. */
    private static void workload() {
        String user = "metrics@pop3x.local";
        james.addUser(user, PASSWORD);
        for (int i = 1; i <= 3; i++) {
            james.smtp().deliver("sender@example.test", user, Messages.text("sender@example.test", user, "message " + i, "Body " + i + ".\n"));
        }
        Eventually.until(Duration.ofSeconds(30), "the 3 messages delivered", () -> {
            try (Pop3LineClient pop = Pop3LineClient.connect(james.ports().pop3())) {
                boolean delivered = pop.login(user, PASSWORD).startsWith("+OK") && pop.command("STAT").startsWith("+OK 3 ");
                pop.command("QUIT");
                return delivered;
            }
        });
        try (Pop3LineClient pop = Pop3LineClient.connect(james.ports().pop3())) {
            assertThat(pop.login(user, "wrong")).startsWith("-ERR");
            pop.multiline("CAPA");
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            assertThat(pop.command("STAT")).startsWith("+OK 3 ");
            pop.multiline("LIST");
            pop.multiline("UIDL");
            pop.multiline("RETR 1");
            pop.multiline("TOP 2 0");
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        try (Pop3LineClient pop = Pop3LineClient.connect(james.ports().pop3())) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(user, PASSWORD))).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }

    /** Every {@code expr} of every panel of docs/grafana/pop3x-dashboard.json. */
    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    /** The addresses {@code fail2ban-regex -o ip LOG FILTER} finds, in order. */
    private static List<String> fail2banRegex(Path log) throws IOException, InterruptedException {
        Process run = new ProcessBuilder("fail2ban-regex", "-o", "ip", log.toString(), FILTER.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as("fail2ban-regex: %s", output).isZero();
        return Arrays.stream(output.split("\n")).map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.toList());
    }

    /** The first octets of a TLS 1.2/1.3 handshake, as a client's TLS engine writes them. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("pop3x.local", 995);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }

    /** The lines with an octet below 0x20 other than tab (a stack trace's), or DEL; shown with those as {@code <HH>}. */
    private static List<String> linesWithControlOctets(byte[] log) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        boolean control = false;
        for (byte value : log) {
            int octet = value & 0xff;
            if (octet == '\n') {
                if (control) {
                    lines.add(line.toString());
                }
                line.setLength(0);
                control = false;
            } else if (octet < 0x20 && octet != '\t' || octet == 0x7f) {
                line.append(String.format("<%02x>", octet));
                control = true;
            } else {
                line.append((char) octet);
            }
        }
        return lines;
    }

    private static boolean isUtf8(byte[] log) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(log));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
