package dev.pop3x.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep ledger as a directory ({@code policy.sweep-ledger}; on several nodes, a directory on the storage they
 * share): an empty file per candidate, named by the user (URL-encoded, lower case), whose modification time is when
 * the user was last swept; and {@value #COMPLETE} once a sweep has visited every user. Creating, touching and
 * deleting a file are atomic on local file systems and NFS alike.
 */
public final class DirectorySweepLedger implements SweepLedger {
    static final String COMPLETE = ".complete";

    private static final Logger LOGGER = LoggerFactory.getLogger(DirectorySweepLedger.class);

    private final Path directory;

    public DirectorySweepLedger(Path directory) {
        this.directory = directory;
    }

    private Path fileOf(Username user) {
        return directory.resolve(URLEncoder.encode(user.asString().toLowerCase(Locale.ROOT), StandardCharsets.UTF_8));
    }

    @Override
    public boolean isComplete() {
        return Files.exists(directory.resolve(COMPLETE));
    }

    @Override
    public void markComplete() {
        create(directory.resolve(COMPLETE), Instant.now());
    }

    @Override
    public List<Username> candidates() {
        List<Username> candidates = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return candidates;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, file -> !file.getFileName().toString().startsWith("."))) {
            for (Path file : files) {
                candidates.add(Username.of(URLDecoder.decode(file.getFileName().toString(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the sweep ledger " + directory, e);
        }
        return candidates;
    }

    @Override
    public void retrieved(Username user) {
        Path file = fileOf(user);
        if (!Files.exists(file)) {
            // a new candidate has not been swept: its time is the epoch, so that the next sweep visits it
            create(file, Instant.EPOCH);
        }
    }

    @Override
    public Optional<Instant> lastSwept(Username user) {
        try {
            Instant modified = Files.getLastModifiedTime(fileOf(user)).toInstant();
            return modified.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(modified);
        } catch (NoSuchFileException notACandidate) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sweep ledger of " + user.asString(), e);
        }
    }

    @Override
    public void swept(Username user, Instant when, boolean retrievedMailLeft) {
        Path file = fileOf(user);
        try {
            if (retrievedMailLeft) {
                create(file, when);
                Files.setLastModifiedTime(file, FileTime.from(when));
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sweep ledger of " + user.asString(), e);
        }
    }

    private void create(Path file, Instant time) {
        try {
            Files.createDirectories(directory);
            Files.createFile(file);
            Files.setLastModifiedTime(file, FileTime.from(time));
        } catch (FileAlreadyExistsException exists) {
            LOGGER.debug("{} is in the sweep ledger already", file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sweep ledger " + file, e);
        }
    }
}
