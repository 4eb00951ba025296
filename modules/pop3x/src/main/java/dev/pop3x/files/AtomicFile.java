package dev.pop3x.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way pop3x replaces a small file whole (a maildir's control files and notes, Courier's
 * {@code courierpop3dsizelist}, Dovecot's {@code dovecot-uidlist}): the new content is written to a file of a name of
 * its own in a directory on the same file system, then renamed over the old one, so that a reader sees the old
 * content or the new, never a part.
 *
 * <p><b>The fsync rule.</b> With {@code fsync} ({@code maildir.fsync}, on by default), the new file is flushed to the
 * disk before the rename and the directory after it, so that a crash leaves the old content or the new one, never an
 * empty file; without, the rename is atomic for readers but a crash may lose the new content (or, on file systems
 * that reorder writes, leave the file empty), as for any program that does not fsync.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with the content.
     *
     * @param temporaryDirectory where the content is written before the rename: on the target's file system (a
     *                           maildir's {@code tmp/}, or the target's own directory)
     */
    public static void replace(Path target, Path temporaryDirectory, byte[] content, boolean fsync) throws IOException {
        Path temporary = temporaryDirectory.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                if (fsync) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            if (fsync) {
                forceDirectory(target.toAbsolutePath().getParent());
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Flushes a directory's entries to the disk, where the file system lets a directory be opened. */
    public static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the rename is as durable as it can be made
        }
    }
}
