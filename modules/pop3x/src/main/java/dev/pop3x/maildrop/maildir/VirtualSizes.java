package dev.pop3x.maildrop.maildir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MessageOctets;

/**
 * Sizes with CRLF line ends (what RETR sends) of the messages whose names do not carry {@code ,W=}: Postfix and
 * procmail write none. Each such message is read once, and its size kept in {@code pop3x-vsizes} in the maildir
 * (like Courier's {@code courierpop3dsizelist}), so that later sessions list it without reading it.
 */
final class VirtualSizes {
    private static final Logger LOGGER = LoggerFactory.getLogger(VirtualSizes.class);
    static final String FILE = "pop3x-vsizes";

    private final Maildir maildir;
    private final Map<String, Long> known = new HashMap<>();
    private boolean changed;

    private VirtualSizes(Maildir maildir) {
        this.maildir = maildir;
    }

    static VirtualSizes load(Maildir maildir) throws IOException {
        VirtualSizes sizes = new VirtualSizes(maildir);
        Path file = maildir.root().resolve(FILE);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.lastIndexOf(' ');
                if (space > 0) {
                    try {
                        sizes.known.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
                    } catch (NumberFormatException e) {
                        LOGGER.warn("Ignoring corrupt line '{}' of {}", line, file);
                    }
                }
            }
        }
        return sizes;
    }

    /** The size with CRLF line ends; reads the file if it was never measured. Empty if it vanished. */
    OptionalLong of(MaildirFile file) throws IOException {
        if (file.name().virtualSize().isPresent()) {
            return file.name().virtualSize();
        }
        Long cached = known.get(file.name().base());
        if (cached != null) {
            return OptionalLong.of(cached);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path()), 64 * 1024)) {
            long size = measure(in);
            known.put(file.name().base(), size);
            changed = true;
            return OptionalLong.of(size);
        } catch (NoSuchFileException gone) {
            return OptionalLong.empty();
        }
    }

    static long measure(InputStream in) throws IOException {
        return MessageOctets.withCrlfLineEnds(in);
    }

    static long measureBytes(byte[] message) {
        try {
            return measure(new java.io.ByteArrayInputStream(message));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Saves what was measured, forgetting messages that are gone. */
    void save(Set<String> present) throws IOException {
        if (!changed && known.keySet().stream().allMatch(present::contains)) {
            return;
        }
        known.keySet().retainAll(present);
        String content = known.entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue() + "\n")
            .collect(Collectors.joining());
        maildir.writeAtomically(FILE, content.getBytes(StandardCharsets.UTF_8));
        changed = false;
    }
}
