package dev.pop3x.maildrop.maildir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A message file read whole in one call, for messages small enough to be sent from memory: its size is known from
 * its name ({@code ,S=}), so one read of that many octets and one more fills it, and the read that would only find
 * the end is left out when the file held exactly what its name says. A file larger or smaller than its name says is
 * read to its end all the same. A link in the message's place is not followed (it could lead out of the maildir).
 */
final class SmallMessageFile {
    /**
     * The largest message read whole: twice what RETR sends from memory ({@code MessagesAhead}, 64 KB), so that a
     * message TOP or a streamed RETR reads is held in memory only up to this.
     */
    static final long MAX_OCTETS = 128 * 1024;

    private SmallMessageFile() {
    }

    /** Whether a message of this size is read whole. */
    static boolean small(long octets) {
        return octets <= MAX_OCTETS;
    }

    /** The file's octets, of which its name says there are {@code named}, read. */
    static InputStream read(Path file, int named) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(named + 1);
            int read = channel.read(buffer);
            if (read == named) {
                // a short read of a regular file ends at its end: it holds exactly what its name says
                return new ByteArrayInputStream(buffer.array(), 0, named);
            }
            while (read != -1) {
                if (!buffer.hasRemaining()) {
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
                }
                read = channel.read(buffer);
            }
            return new ByteArrayInputStream(buffer.array(), 0, buffer.position());
        }
    }
}
