package dev.pop3x.it;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many entries a directory holds: messages in a Maildir's new/, cur/ or tmp/. */
final class DirectoryEntries {
    private DirectoryEntries() {
    }

    /** Zero for a directory that does not exist (yet). */
    static long count(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path ignored : entries) {
                count++;
            }
        }
        return count;
    }
}
