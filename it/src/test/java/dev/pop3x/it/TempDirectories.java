package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Directories for what a test class shares with the servers it starts (Maildir roots, a private Dovecot's files). */
final class TempDirectories {
    private TempDirectories() {
    }

    /** A new temporary directory, for a static field's initializer. */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
