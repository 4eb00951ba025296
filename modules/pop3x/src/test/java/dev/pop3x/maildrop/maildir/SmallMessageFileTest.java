package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallMessageFileTest {
    private static final String MESSAGE = "Subject: hello\n\nbody\n";

    @TempDir
    Path directory;

    private static String read(Path file, int named) throws IOException {
        try (InputStream in = SmallMessageFile.read(file, named)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private Path message(String content) throws IOException {
        return Files.writeString(directory.resolve("1700000000.M1P1.host"), content, StandardCharsets.US_ASCII);
    }

    @Test
    void aFileOfTheSizeItsNameSaysIsReadWhole() throws IOException {
        assertThat(read(message(MESSAGE), MESSAGE.length())).isEqualTo(MESSAGE);
    }

    @Test
    void aFileLargerThanItsNameSaysIsReadToItsEnd() throws IOException {
        String large = MESSAGE + "x".repeat(10_000) + "\n";

        assertThat(read(message(large), 3)).isEqualTo(large);
        assertThat(read(message(large), MESSAGE.length())).isEqualTo(large);
    }

    @Test
    void aFileSmallerThanItsNameSaysIsReadToItsEnd() throws IOException {
        assertThat(read(message(MESSAGE), 4_000)).isEqualTo(MESSAGE);
        assertThat(read(message(""), 4_000)).isEmpty();
    }

    @Test
    void anEmptyFileNamedEmptyIsEmpty() throws IOException {
        assertThat(read(message(""), 0)).isEmpty();
    }

    @Test
    void aLinkInPlaceOfTheMessageIsNotFollowed() throws IOException {
        Path secret = Files.writeString(Files.createDirectory(directory.resolve("outside")).resolve("secret"), MESSAGE);
        Path link = Files.createSymbolicLink(directory.resolve("1700000000.M2P1.host"), secret);

        assertThatThrownBy(() -> read(link, MESSAGE.length())).isInstanceOf(IOException.class);
    }
}
