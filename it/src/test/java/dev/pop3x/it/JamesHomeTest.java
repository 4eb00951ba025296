package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JamesHomeTest {
    @Test
    void aHomeIsTheSampleConfWithOnlyItsPortsChanged(@TempDir Path root) throws IOException {
        JamesHome home = JamesHome.create(root, JamesHome.sampleConf(), new ListenPorts(11110, 11995, 12525, 18000));

        for (Path sample : sampleFiles()) {
            String original = Files.readString(sample);
            String copy = Files.readString(home.conf().resolve(sample.getFileName()));
            String expected = original
                .replace("<bind>127.0.0.1:1110</bind>", "<bind>127.0.0.1:11110</bind>")
                .replace("<bind>127.0.0.1:1995</bind>", "<bind>127.0.0.1:11995</bind>")
                .replace("<bind>127.0.0.1:2525</bind>", "<bind>127.0.0.1:12525</bind>")
                .replace("\nport=8000\n", "\nport=18000\n");
            assertThat(copy).as(sample.getFileName().toString()).isEqualTo(expected);
        }
        assertThat(Files.readString(home.conf().resolve("pop3xserver.xml"))).contains("<bind>127.0.0.1:11110</bind>");
        assertThat(home.conf().resolve("keystore")).isRegularFile();
    }

    @Test
    void aConfWithoutTheSampleListenerIsRefused() {
        assertThatThrownBy(() -> JamesHome.withBindPort("<pop3server/>", 1110, 1))
            .hasMessageStartingWith("Expected exactly one match");
    }

    private static List<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(JamesHome.sampleConf())) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
