package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A James working directory whose {@code conf/} is a copy of the project's sample {@code conf/}, changed in
 * nothing but the ports it binds (and, for a test that says so, an explicit {@link #edit}). The demo, the
 * in-process tests and the drop-in test all start James from such a home, so what they run is what operators
 * copy.
 */
public final class JamesHome {
    private static final Pattern WEBADMIN_PORT = Pattern.compile("(?m)^port=\\d+$");

    private final Path root;

    private JamesHome(Path root) {
        this.root = root;
    }

    /** The project's sample conf/: {@code -Dpop3x.conf.dir}, else {@code conf/} found from the working directory up. */
    public static Path sampleConf() {
        String configured = System.getProperty("pop3x.conf.dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("conf/pop3server.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("conf");
            }
        }
        throw new IllegalStateException("Cannot find the sample conf/ folder; set -Dpop3x.conf.dir");
    }

    public static JamesHome create(Path root, Path sampleConf, ListenPorts ports) {
        try {
            Path conf = Files.createDirectories(root.resolve("conf"));
            try (Stream<Path> files = Files.list(sampleConf)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, conf.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out a James home in " + root, e);
        }
        JamesHome home = new JamesHome(root);
        home.edit("pop3xserver.xml", xml -> withBindPort(withBindPort(xml, ListenPorts.SAMPLE.pop3(), ports.pop3()),
            ListenPorts.SAMPLE.pop3s(), ports.pop3s()));
        home.edit("smtpserver.xml", xml -> withBindPort(xml, ListenPorts.SAMPLE.smtp(), ports.smtp()));
        home.edit("webadmin.properties", properties -> replaceOnce(WEBADMIN_PORT, properties, "port=" + ports.webAdmin()));
        home.writeFile("conf/keystore", Keystores.sample());
        return home;
    }

    public Path root() {
        return root;
    }

    public Path conf() {
        return root.resolve("conf");
    }

    /** One file of conf/. */
    public String read(String fileName) {
        try {
            return Files.readString(conf().resolve(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites one file of conf/. */
    public JamesHome edit(String fileName, UnaryOperator<String> change) {
        Path file = conf().resolve(fileName);
        try {
            Files.writeString(file, change.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JamesHome delete(String fileName) {
        try {
            Files.delete(conf().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public JamesHome writeFile(String relativePath, byte[] content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Rebinds the one listener of conf/ on 127.0.0.1:samplePort to the given port. */
    static String withBindPort(String xml, int samplePort, int port) {
        return replaceOnce(Pattern.compile(Pattern.quote("<bind>127.0.0.1:" + samplePort + "</bind>")), xml,
            "<bind>127.0.0.1:" + port + "</bind>");
    }

    private static String replaceOnce(Pattern pattern, String text, String replacement) {
        List<MatchResultPosition> matches = pattern.matcher(text).results()
            .map(result -> new MatchResultPosition(result.start(), result.end()))
            .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("Expected exactly one match of " + pattern + ", found " + matches.size());
        }
        MatchResultPosition match = matches.get(0);
        return text.substring(0, match.start()) + replacement + text.substring(match.end());
    }

    private record MatchResultPosition(int start, int end) {
    }
}
