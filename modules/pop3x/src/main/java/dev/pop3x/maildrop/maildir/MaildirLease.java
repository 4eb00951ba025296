package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A maildrop lock across James nodes that share a Maildir tree: the file {@code pop3x-lock} in the maildir, created
 * exclusively ({@code O_EXCL}, which NFS v3 and later honour) and holding its owner's token, its modification time
 * renewed by its holder. A file not renewed for the lease is stale (its node died, or lost the storage): a node breaks
 * it by renaming it aside, which only one node can do, and checks that what it moved is the stale lock it saw, putting
 * back with a hard link (which fails rather than replace) a lock someone took meanwhile. Staleness is judged against
 * the local clock, so the nodes' clocks must agree within a fraction of the lease (NTP), as for Dovecot's dotlocks.
 */
public final class MaildirLease {
    public static final String FILE = "pop3x-lock";

    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirLease.class);

    private final Path file;
    private final String token;
    private final Clock clock;

    private MaildirLease(Path file, String token, Clock clock) {
        this.file = file;
        this.token = token;
        this.clock = clock;
    }

    /**
     * Takes the maildir's lease for this owner, breaking a stale one; empty when another owner holds it.
     *
     * @param owner who takes it, for logs and {@link #holder}: node and session
     */
    public static Optional<MaildirLease> tryAcquire(Path maildir, String owner, Duration lease, Clock clock) throws IOException {
        return tryAcquire(maildir, FILE, owner, lease, clock);
    }

    /** The same, with a lease file of another name (a device's). */
    public static Optional<MaildirLease> tryAcquire(Path maildir, String fileName, String owner, Duration lease, Clock clock) throws IOException {
        Path file = maildir.resolve(fileName);
        String token = owner + " " + UUID.randomUUID();
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return Optional.of(new MaildirLease(file, token, clock));
            } catch (FileAlreadyExistsException held) {
                Optional<Seen> seen = Seen.read(file);
                if (seen.isPresent() && !seen.get().staleAt(clock.instant(), lease)) {
                    return Optional.empty();
                }
                seen.ifPresent(stale -> breakStale(file, stale));
            }
        }
        return Optional.empty();
    }

    /** Who holds the maildir's lease, if anyone: the owner its holder gave. */
    public static Optional<String> holder(Path maildir) throws IOException {
        return holder(maildir, FILE);
    }

    public static Optional<String> holder(Path maildir, String fileName) throws IOException {
        return Seen.read(maildir.resolve(fileName)).map(seen -> seen.token.substring(0, Math.max(0, seen.token.lastIndexOf(' '))));
    }

    private static void breakStale(Path file, Seen stale) {
        Path aside = file.resolveSibling(file.getFileName() + ".stale." + UUID.randomUUID());
        try {
            try {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot break a lease without an atomic rename", e);
            }
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            LOGGER.warn("Cannot break the stale lease {}", file, e);
            return;
        }
        try {
            Optional<Seen> moved = Seen.read(aside);
            if (moved.isPresent() && !moved.get().token.equals(stale.token)) {
                // another node broke the stale lease and took a new one in between: give it back
                try {
                    Files.createLink(file, aside);
                } catch (FileAlreadyExistsException taken) {
                    // a third node holds it now: the owner of the moved one finds its lease lost at its next renewal
                }
            } else {
                LOGGER.warn("Broke the stale lease of {} ({}), not renewed since {}", file.getParent(), stale.token, stale.modified);
            }
            Files.deleteIfExists(aside);
        } catch (IOException e) {
            LOGGER.warn("Cannot put back or remove {}", aside, e);
        }
    }

    /** Renews the lease; false when it is no longer this holder's (another node broke it as stale). */
    public boolean renew() {
        try {
            Optional<Seen> seen = Seen.read(file);
            if (seen.isEmpty() || !seen.get().token.equals(token)) {
                return false;
            }
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
            return true;
        } catch (IOException e) {
            LOGGER.warn("Cannot renew the lease {}", file, e);
            return false;
        }
    }

    /** Whether this holder still has the lease: its token in the file, renewed within the lease. */
    public boolean isHeld(Duration lease) {
        try {
            Optional<Seen> seen = Seen.read(file);
            return seen.isPresent() && seen.get().token.equals(token) && !seen.get().staleAt(clock.instant(), lease);
        } catch (IOException e) {
            LOGGER.warn("Cannot read the lease {}", file, e);
            return false;
        }
    }

    /** Gives the lease up, unless it is no longer this holder's. */
    public void release() {
        try {
            Optional<Seen> seen = Seen.read(file);
            if (seen.isPresent() && seen.get().token.equals(token)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOGGER.warn("Cannot release the lease {}: it goes stale", file, e);
        }
    }

    @Override
    public String toString() {
        return file + " (" + token + ")";
    }

    /** A lease file as read: its token and when it was last renewed. */
    private static final class Seen {
        private final String token;
        private final Instant modified;

        private Seen(String token, Instant modified) {
            this.token = token;
            this.modified = modified;
        }

        static Optional<Seen> read(Path file) throws IOException {
            try {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                return Optional.of(new Seen(token, modified));
            } catch (NoSuchFileException gone) {
                return Optional.empty();
            }
        }

        boolean staleAt(Instant now, Duration lease) {
            return modified.plus(lease).isBefore(now);
        }
    }
}
