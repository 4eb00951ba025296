package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.Maps;

import dev.pop3x.files.AtomicFile;
import dev.pop3x.maildrop.StoreCalls;

/**
 * One Maildir++ directory (cur/, new/, tmp/), as Dovecot, Courier and Postfix share it: messages are files that
 * are never modified, only renamed (new/ to cur/, flags in the {@code :2,} info) and deleted, so a scan and a
 * rename are all the coordination two programs need.
 */
final class Maildir {
    private static final Logger LOGGER = LoggerFactory.getLogger(Maildir.class);
    static final String LAST_LOGIN = "pop3x-lastlogin";

    private final Path root;
    private final boolean fsync;
    private final StoreCalls calls;

    /** A maildir whose control files are replaced without fsync (tests, and readers that write none). */
    Maildir(Path root) {
        this(root, false, StoreCalls.uncounted());
    }

    /**
     * @param fsync {@code maildir.fsync}: control files and notes are replaced as {@link AtomicFile} says
     * @param calls where its file-system calls are counted ({@link StoreCalls}): a session's, a sweep's; not a delivery's
     */
    Maildir(Path root, boolean fsync, StoreCalls calls) {
        this.root = root;
        this.fsync = fsync;
        this.calls = calls;
    }

    /** Counts a file-system call made on this maildir by the classes that read and write its files. */
    void counted(StoreCalls.Kind kind) {
        calls.count(kind);
    }

    Path root() {
        return root;
    }

    boolean exists() {
        calls.count(StoreCalls.Kind.DIRECTORY_READ);
        return Files.isDirectory(root.resolve("cur")) && Files.isDirectory(root.resolve("new"));
    }

    /** Creates cur/, new/ and tmp/ if they are missing, readable by their owner only. */
    void create() throws IOException {
        for (String sub : List.of("cur", "new", "tmp")) {
            Path dir = root.resolve(sub);
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: nothing to restrict
                }
            }
        }
    }

    /**
     * The messages of new/ and cur/, oldest delivery first. Files that are not messages (dot files, directories,
     * names Maildir forbids) are skipped with a log line.
     */
    List<MaildirFile> scan() throws IOException {
        return scan(Map.of());
    }

    /**
     * The same, taking the files a previous scan found ({@code known}, by {@link MaildirFile#entry()}) as they were:
     * their names are not parsed and their type not checked again (a file-system call each). A message file replaced
     * by a link since is still not followed: {@link #open} refuses links.
     */
    List<MaildirFile> scan(Map<String, MaildirFile> known) throws IOException {
        Map<String, MaildirFile> byBase = Maps.newHashMapWithExpectedSize(known.size() + 16);
        for (String sub : List.of("new", "cur")) {
            calls.count(StoreCalls.Kind.DIRECTORY_READ);
            Path directory = root.resolve(sub);
            for (String fileName : QuietFiles.names(directory)) {
                String listedAs = MaildirFile.entry(sub, fileName);
                MaildirFile listed = known.get(listedAs);
                if (listed != null) {
                    byBase.putIfAbsent(listed.name().base(), listed);
                    continue;
                }
                Path entry = directory.resolve(fileName);
                Optional<MaildirName> name = MaildirName.parse(fileName);
                if (name.isEmpty()) {
                    if (!fileName.startsWith(".")) {
                        LOGGER.warn("Skipping {}: not a Maildir message name", entry);
                    }
                    continue;
                }
                if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    LOGGER.warn("Skipping {}: not a regular file", entry);
                    continue;
                }
                // a message seen in new/ then in cur/ was renamed during the scan: it is one message
                byBase.putIfAbsent(name.get().base(), new MaildirFile(name.get(), entry, listedAs));
            }
        }
        List<MaildirFile> files = new ArrayList<>(byBase.values());
        files.sort(Comparator.comparingLong((MaildirFile file) -> file.name().deliverySeconds())
            .thenComparingLong(file -> file.name().deliveryMicros())
            .thenComparing(file -> file.name().base()));
        return files;
    }

    /** Where the message with this base name is now: another program may have renamed it since it was listed. */
    Optional<MaildirFile> find(String base) throws IOException {
        for (String sub : List.of("cur", "new")) {
            calls.count(StoreCalls.Kind.DIRECTORY_READ);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(sub),
                entry -> entry.getFileName().toString().startsWith(base))) {
                for (Path entry : entries) {
                    Optional<MaildirName> name = MaildirName.parse(entry.getFileName().toString());
                    if (name.isPresent() && name.get().base().equals(base)) {
                        return Optional.of(new MaildirFile(name.get(), entry));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Writes a message under a unique name in tmp/, with LF line ends, flushed to disk if asked: the first half of
     * a delivery as the Maildir spec describes it. A failed write leaves nothing behind.
     */
    InTmp writeToTmp(String uniqueName, MessageWriter message, boolean fsync) throws IOException {
        Path tmp = root.resolve("tmp").resolve(uniqueName);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                LfLineEnds out = new LfLineEnds(Channels.newOutputStream(channel));
                message.writeTo(out);
                out.finish();
                if (fsync) {
                    channel.force(true);
                }
                return new InTmp(tmp, uniqueName, out.storedOctets(), out.virtualOctets());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The second half of a delivery: the message is renamed into new/ with {@code ,S=} and {@code ,W=} in its name. */
    MaildirName moveToNew(InTmp message, boolean fsync) throws IOException {
        MaildirName name = MaildirName.of(message.uniqueName() + ",S=" + message.octets() + ",W=" + message.virtualOctets());
        Path target = root.resolve("new").resolve(name.base());
        if (Files.exists(target)) {
            discard(message);
            throw new FileAlreadyExistsException(target.toString());
        }
        move(message.path(), target);
        if (fsync) {
            AtomicFile.forceDirectory(root.resolve("new"));
        }
        return name;
    }

    /** Drops a message written to tmp/ that is not to be delivered. */
    void discard(InTmp message) throws IOException {
        Files.deleteIfExists(message.path());
    }

    /** A message written to tmp/ and not delivered yet. */
    static final class InTmp {
        private final Path path;
        private final String uniqueName;
        private final long octets;
        private final long virtualOctets;

        InTmp(Path path, String uniqueName, long octets, long virtualOctets) {
            this.path = path;
            this.uniqueName = uniqueName;
            this.octets = octets;
            this.virtualOctets = virtualOctets;
        }

        Path path() {
            return path;
        }

        String uniqueName() {
            return uniqueName;
        }

        /** Its size as stored (LF line ends). */
        long octets() {
            return octets;
        }

        /** Its size with CRLF line ends. */
        long virtualOctets() {
            return virtualOctets;
        }
    }

    /**
     * Adds a flag, moving the message to cur/ as other programs expect of a message a client has seen.
     *
     * @param known where the message was last seen; looked for again only if it moved since
     */
    Optional<MaildirFile> addFlag(MaildirFile known, char flag) throws IOException {
        Optional<MaildirFile> current = Optional.of(known);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (current.isEmpty()) {
                return Optional.empty();
            }
            MaildirName flagged = current.get().name().withFlag(flag);
            Path target = root.resolve("cur").resolve(flagged.curName());
            if (current.get().path().equals(target)) {
                return current;
            }
            try {
                calls.count(StoreCalls.Kind.FILE_WRITE);
                move(current.get().path(), target);
                return Optional.of(new MaildirFile(flagged, target));
            } catch (NoSuchFileException renamedMeanwhile) {
                // another program renamed it since it was listed: look for it again
                current = find(known.name().base());
            }
        }
        return find(known.name().base());
    }

    /**
     * Deletes the message wherever it is now; empty when it is already gone.
     *
     * @param known where the message was last seen; looked for again only if it moved since
     */
    Optional<Long> delete(MaildirFile known) throws IOException {
        Optional<MaildirFile> target = Optional.of(known);
        for (int attempt = 0; attempt < 3 && target.isPresent(); attempt++) {
            try {
                long size = sizeOf(target.get());
                calls.count(StoreCalls.Kind.FILE_WRITE);
                Files.delete(target.get().path());
                return Optional.of(size);
            } catch (NoSuchFileException moved) {
                target = find(known.name().base());
            }
        }
        return Optional.empty();
    }

    /**
     * The message's octets: read whole when its name gives a small size ({@link SmallMessageFile}), else as a stream.
     * A link where the message was is not followed (it could lead out of the maildir).
     */
    InputStream open(MaildirFile file) throws IOException {
        calls.count(StoreCalls.Kind.FILE_READ);
        OptionalLong named = file.name().size();
        if (named.isPresent() && SmallMessageFile.small(named.getAsLong())) {
            return SmallMessageFile.read(file.path(), (int) named.getAsLong());
        }
        return Files.newInputStream(file.path(), LinkOption.NOFOLLOW_LINKS);
    }

    /** The file's size: from {@code ,S=} in its name, else from the file system. */
    static long sizeOf(MaildirFile file) throws IOException {
        return file.name().size().isPresent()
            ? file.name().size().getAsLong()
            : Files.readAttributes(file.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
    }

    Optional<Instant> lastLogin() throws IOException {
        Path file = root.resolve(LAST_LOGIN);
        calls.count(StoreCalls.Kind.FILE_READ);
        if (!QuietFiles.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim())));
        } catch (NumberFormatException e) {
            LOGGER.warn("Ignoring corrupt {}", file);
            return Optional.empty();
        }
    }

    void recordLogin(Instant when) throws IOException {
        writeAtomically(LAST_LOGIN, String.valueOf(when.toEpochMilli()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Replaces a control file of the maildir whole: written aside in tmp/, then renamed over the old one. */
    void writeAtomically(String fileName, byte[] content) throws IOException {
        calls.count(StoreCalls.Kind.FILE_WRITE);
        AtomicFile.replace(root.resolve(fileName), root.resolve("tmp"), content, fsync);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
