package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

/**
 * The file-system calls of a login on files that are mostly absent, and of its directory listings, through
 * {@code java.io.File}: there an absent file is a result, where {@code java.nio.file} throws a
 * {@code NoSuchFileException} whose stack trace costs more than the call itself, and a directory is listed in about
 * half the calls of a {@code DirectoryStream}. A login reads several of pop3x's, Dovecot's and Courier's control
 * files that most maildirs do not have.
 */
final class QuietFiles {
    private QuietFiles() {
    }

    /** Whether the file exists, links followed, as {@code Files.exists}: one {@code stat}, no exception. */
    static boolean exists(Path file) {
        return file.toFile().exists();
    }

    /**
     * When the file was last modified, links followed, to the millisecond: one {@code stat}; time zero when it does
     * not exist (or cannot be read).
     */
    static FileTime modified(Path file) {
        return FileTime.fromMillis(file.toFile().lastModified());
    }

    /**
     * The names in a directory, in the order the file system gives them, without {@code .} and {@code ..}.
     *
     * @throws IOException when the directory does not exist, is not one, or cannot be read
     */
    static List<String> names(Path directory) throws IOException {
        String[] names = directory.toFile().list();
        if (names == null) {
            throw new IOException("Cannot list the directory " + directory);
        }
        return Arrays.asList(names);
    }
}
