package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, dropped into {@code extensions-jars/} of a James home laid out from conf/, is all stock James
 * 3.8.1 needs: {@code MemoryJamesServerMain} runs in a JVM of its own whose classpath is James's memory app as
 * Maven resolves it, with none of our classes, and serves POP3 through pop3x.
 */
class DropInJarIT {
    private static final Path JAR = Path.of(System.getProperty("pop3x.dropin.jar"));
    private static final String VERSION = System.getProperty("pop3x.version");
    private static final String USER = "dropin@pop3x.local";
    private static final int JAVA_11_CLASS_FILE = 55;

    @Test
    void jamesServesPop3ThroughTheDroppedInJar(@TempDir Path root) throws Exception {
        JamesHome home = homeWith(root, Files.readAllBytes(JAR)).delete("keystore");
        ListenPorts ports = portsOf(home);
        try (JamesProcess james = JamesProcess.start(home, jamesClasspath(), "--generate-keystore")) {
            assertThat(james.awaitListening(ports.pop3())).as("POP3 listening; log:\n%s", james.log()).isPresent();
            assertThat(james.log()).contains("Loading custom classpath resource " + home.root().resolve("extensions-jars/" + JAR.getFileName()))
                .contains("Enabling injects contained in dev.pop3x.Pop3xModule");

            try (Pop3LineClient pop = Pop3LineClient.connect(ports.pop3())) {
                assertThat(pop.greeting()).isEqualTo("+OK pop3x.local POP3 server ready.");
                assertThat(pop.multiline("CAPA")).contains("IMPLEMENTATION pop3x-" + VERSION);
            }

            james.awaitListening(ports.webAdmin());
            webAdminPut(ports.webAdmin(), "/domains/pop3x.local", "");
            webAdminPut(ports.webAdmin(), "/users/" + USER, "{\"password\":\"secret\"}");
            new SmtpDelivery(ports.smtp()).deliver("someone@example.test", USER,
                Messages.text("someone@example.test", USER, "through the drop-in jar", "hello\n"));
            try (Pop3LineClient pop = loginOnceDelivered(ports.pop3())) {
                assertThat(pop.multiline("RETR 1")).contains("Subject: through the drop-in jar", "hello");
                assertThat(pop.command("QUIT")).startsWith("+OK");
            }
        }
    }

    @Test
    void jamesRefusesToStartWhenTheJarLacksAClass(@TempDir Path root) throws Exception {
        byte[] incomplete = withoutEntry(Files.readAllBytes(JAR), "dev/pop3x/protocol/ImplementationCapability.class");
        JamesHome home = homeWith(root, incomplete);
        ListenPorts ports = portsOf(home);
        try (JamesProcess james = JamesProcess.start(home, jamesClasspath())) {
            assertThat(james.awaitListening(ports.pop3())).as("POP3 must never listen").isEmpty();
            assertThat(james.awaitExit(Duration.ofSeconds(30))).isNotZero();
            assertThat(james.log()).contains("dev.pop3x.protocol.ImplementationCapability");
        }
    }

    @Test
    void everyClassTheJarUsesIsInTheJarOrOnJamesClasspath() {
        assertThat(missingDependencies(jamesClasspath())).isEmpty();
    }

    @Test
    void theDependencyCheckReportsAClassJamesWouldNotHave() {
        String withoutPop3Protocol = Arrays.stream(jamesClasspath().split(":"))
            .filter(entry -> !entry.contains("protocols-pop3"))
            .collect(Collectors.joining(":"));
        assertThat(missingDependencies(withoutPop3Protocol))
            .contains("org.apache.james.protocols.pop3.POP3Session");
    }

    @Test
    void theJarHoldsJava11ClassFilesAndNoJamesClasses() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<JarEntry> classes = Collections.list(jar.entries()).stream()
                .filter(entry -> entry.getName().endsWith(".class"))
                .toList();
            assertThat(classes).isNotEmpty().allMatch(entry -> entry.getName().startsWith("dev/pop3x/"));
            for (JarEntry entry : classes) {
                assertThat(classFileMajorVersion(jar, entry)).as(entry.getName()).isEqualTo(JAVA_11_CLASS_FILE);
            }
        }
    }

    private static JamesHome homeWith(Path root, byte[] jar) {
        return JamesHome.create(root, JamesHome.sampleConf(), JamesProcess.freePorts())
            .writeFile("extensions-jars/" + JAR.getFileName(), jar);
    }

    private static ListenPorts portsOf(JamesHome home) throws IOException {
        List<Integer> pop3 = bindPorts(Files.readString(home.conf().resolve("pop3xserver.xml")));
        List<Integer> smtp = bindPorts(Files.readString(home.conf().resolve("smtpserver.xml")));
        String webAdmin = Files.readString(home.conf().resolve("webadmin.properties"));
        return new ListenPorts(pop3.get(0), pop3.get(1), smtp.get(0),
            Integer.parseInt(webAdmin.lines().filter(line -> line.startsWith("port=")).findFirst().orElseThrow().substring(5)));
    }

    private static List<Integer> bindPorts(String xml) {
        return Pattern.compile("<bind>[^<]*:(\\d+)</bind>").matcher(xml).results()
            .map(match -> Integer.parseInt(match.group(1)))
            .toList();
    }

    private static String jamesClasspath() {
        try {
            String classpath = Files.readString(Path.of(System.getProperty("pop3x.james.classpath"))).trim();
            assertThat(classpath).doesNotContain("pop3x").contains("james-server-memory-app-3.8.1.jar");
            return classpath;
        } catch (IOException e) {
            throw new IllegalStateException("Run through Maven: the James memory app classpath is written by it/james-runtime", e);
        }
    }

    /** jdeps' list of the classes our jar refers to that neither it nor the classpath holds. */
    private static String missingDependencies(String classpath) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exitCode = jdeps.run(new PrintStream(out, true), System.err,
            "--multi-release", "11", "--missing-deps", "--class-path", classpath, JAR.toString());
        assertThat(exitCode).as("jdeps exit code; output:\n%s", out).isZero();
        return out.toString();
    }

    private static byte[] withoutEntry(byte[] jar, String removed) throws IOException {
        Path source = Files.createTempFile("pop3x", ".jar");
        try {
            Files.write(source, jar);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean found = false;
            try (JarFile in = new JarFile(source.toFile()); JarOutputStream out = new JarOutputStream(bytes)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(removed)) {
                        found = true;
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            assertThat(found).as("%s in the jar", removed).isTrue();
            return bytes.toByteArray();
        } finally {
            Files.delete(source);
        }
    }

    private static int classFileMajorVersion(JarFile jar, JarEntry entry) throws IOException {
        try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
            assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
            in.readUnsignedShort();
            return in.readUnsignedShort();
        }
    }

    private static void webAdminPut(int port, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isEqualTo(204);
    }

    /** The maildrop is fixed at login (RFC 1939): logs in again until the SMTP delivery has landed. */
    private static Pop3LineClient loginOnceDelivered(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Pop3LineClient pop = Pop3LineClient.connect(port);
            assertThat(pop.login(USER, "secret")).isEqualTo("+OK Welcome " + USER);
            if (pop.command("STAT").startsWith("+OK 1 ")) {
                return pop;
            }
            pop.command("QUIT");
            pop.close();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("The message delivered over SMTP never reached the maildrop");
    }
}
