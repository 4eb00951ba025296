package dev.pop3x.maildrop.maildir.uidl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dovecot's lock on a {@code dovecot-uidlist}: the dot-lock {@code dovecot-uidlist.lock} beside it, created exclusively
 * ({@code O_EXCL}, as Dovecot's {@code dotlock_use_excl}, safe on NFSv3 and later), holding {@code <pid>:<host>}, held
 * only while UIDs are given out. A lock is overridden by Dovecot's rules only: its process, on this host, is gone; or
 * neither the lock nor the uidlist changed for two minutes ({@code MAILDIR_UIDLIST_LOCK_STALE_TIMEOUT}).
 */
public final class UidlistLock implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(UidlistLock.class);
    static final String FILE = DovecotUidlist.FILE + ".lock";
    private static final Duration STALE = Duration.ofSeconds(120);

    private final Path file;
    private final String content;

    private UidlistLock(Path file, String content) {
        this.file = file;
        this.content = content;
    }

    /**
     * Takes the lock of the maildir's uidlist, trying until {@code wait} has passed (zero: once).
     *
     * @return empty when another process holds it
     */
    public static Optional<UidlistLock> acquire(Path maildir, Duration wait) throws IOException {
        Path file = maildir.resolve(FILE);
        String content = ProcessHandle.current().pid() + ":" + Host.NAME;
        Instant deadline = Instant.now().plus(wait);
        long pause = 5;
        while (true) {
            try {
                Files.write(file, content.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return Optional.of(new UidlistLock(file, content));
            } catch (FileAlreadyExistsException held) {
                if (overrideIfStale(maildir, file)) {
                    continue;
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                return Optional.empty();
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    private static boolean overrideIfStale(Path maildir, Path file) throws IOException {
        String holder;
        Instant changed;
        try {
            holder = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
            changed = Files.getLastModifiedTime(file).toInstant();
        } catch (NoSuchFileException released) {
            return true;
        }
        boolean deadHere = false;
        int colon = holder.indexOf(':');
        if (colon > 0 && holder.substring(colon + 1).equals(Host.NAME)) {
            try {
                deadHere = ProcessHandle.of(Long.parseLong(holder.substring(0, colon))).map(p -> !p.isAlive()).orElse(true);
            } catch (NumberFormatException e) {
                deadHere = false;
            }
        }
        Instant cutoff = Instant.now().minus(STALE);
        Path uidlist = maildir.resolve(DovecotUidlist.FILE);
        boolean untouched = changed.isBefore(cutoff)
            && (!Files.exists(uidlist) || Files.getLastModifiedTime(uidlist).toInstant().isBefore(cutoff));
        if (!deadHere && !untouched) {
            return false;
        }
        LOGGER.warn("Overriding the stale lock {} of '{}' ({})", file, holder, deadHere ? "its process is gone" : "unchanged for 2 minutes");
        Files.deleteIfExists(file);
        return true;
    }

    /** Releases the lock, if it is still this one. */
    @Override
    public void close() throws IOException {
        try {
            if (new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).equals(content)) {
                Files.delete(file);
            } else {
                LOGGER.warn("The lock {} was taken over while held", file);
            }
        } catch (NoSuchFileException gone) {
            LOGGER.warn("The lock {} was removed while held", file);
        }
    }

    /** The host name Dovecot writes in its locks: the kernel's, not a DNS name. */
    private static final class Host {
        static final String NAME = read();

        private static String read() {
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            } catch (IOException | RuntimeException e) {
                return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
            }
        }
    }
}
