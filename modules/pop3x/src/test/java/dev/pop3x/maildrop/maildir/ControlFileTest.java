package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pop3x.maildrop.StoreCalls;

class ControlFileTest {
    private static final String FILE = "pop3x-retrieved";

    @TempDir
    Path root;

    private Map<String, Long> read(String content) throws Exception {
        Files.write(root.resolve(FILE), content.getBytes(StandardCharsets.UTF_8));
        return readWithLines().entries;
    }

    private Read readWithLines() throws Exception {
        Map<String, Long> entries = new LinkedHashMap<>();
        int lines = ControlFile.read(new Maildir(root, false, StoreCalls.uncounted()), FILE, entries::put);
        return new Read(entries, lines);
    }

    @Test
    void eachLineIsABaseNameAndANumber() throws Exception {
        assertThat(read("1700000000.M1P1.host 1700000100\n1700000001.M2P1.host 1700000200\n"))
            .containsExactly(Map.entry("1700000000.M1P1.host", 1_700_000_100L), Map.entry("1700000001.M2P1.host", 1_700_000_200L));
    }

    @Test
    void crLfLineEndsAndALastLineWithoutItsEndAreRead() throws Exception {
        assertThat(read("a.host 1\r\nb.host 2")).containsExactly(Map.entry("a.host", 1L), Map.entry("b.host", 2L));
    }

    @Test
    void aCorruptLineIsSkippedAndCounted() throws Exception {
        Files.write(root.resolve(FILE), "a.host 1\n\nno-number\nb.host x\nc.host 3\n".getBytes(StandardCharsets.UTF_8));
        Read read = readWithLines();
        assertThat(read.entries).containsExactly(Map.entry("a.host", 1L), Map.entry("c.host", 3L));
        assertThat(read.lines).isEqualTo(5);
    }

    @Test
    void noFileIsNoLine() throws Exception {
        Read read = readWithLines();
        assertThat(read.entries).isEmpty();
        assertThat(read.lines).isZero();
    }

    private static final class Read {
        private final Map<String, Long> entries;
        private final int lines;

        Read(Map<String, Long> entries, int lines) {
            this.entries = entries;
            this.lines = lines;
        }
    }
}
