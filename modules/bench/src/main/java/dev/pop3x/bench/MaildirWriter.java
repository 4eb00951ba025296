package dev.pop3x.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Lays messages into a Maildir as a delivery agent would leave them in {@code new/}: LF line ends, and a name with
 * {@code ,S=} (file size) and {@code ,W=} (size with CRLF), as Dovecot's and pop3x's deliveries write them.
 */
final class MaildirWriter {
    private final Path maildir;
    private int count;

    private MaildirWriter(Path maildir) {
        this.maildir = maildir;
    }

    /** Deletes the Maildir (and whatever index files servers left in it), then creates it empty. */
    static MaildirWriter fresh(Path maildir) throws IOException {
        if (Files.exists(maildir)) {
            try (Stream<Path> files = Files.walk(maildir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        for (String folder : new String[] {"tmp", "new", "cur"}) {
            Files.createDirectories(maildir.resolve(folder));
        }
        return new MaildirWriter(maildir);
    }

    /** Writes the message (given with CRLF ends) and returns its size with CRLF ends. */
    long write(byte[] crlfMessage, long deliverySeconds) throws IOException {
        ByteArrayOutputStream lf = new ByteArrayOutputStream(crlfMessage.length);
        for (int i = 0; i < crlfMessage.length; i++) {
            if (!(crlfMessage[i] == '\r' && i + 1 < crlfMessage.length && crlfMessage[i + 1] == '\n')) {
                lf.write(crlfMessage[i]);
            }
        }
        byte[] stored = lf.toByteArray();
        count++;
        String name = deliverySeconds + ".M" + count + "P1Q" + count + ".bench.pop3x.local,S=" + stored.length + ",W=" + crlfMessage.length;
        Files.write(maildir.resolve("new").resolve(name), stored);
        return crlfMessage.length;
    }
}
