package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.StoreCalls;

/**
 * The unique-ids an operator imported from the previous server ({@code pop3x-uidls}: one line
 * {@code <base name> <uidl>} per message): they win over every other way of naming a message, so clients that synced
 * against that server download nothing again. Dovecot and Courier ignore the file.
 */
final class SavedUidls {
    static final String FILE = "pop3x-uidls";

    private static final Logger LOGGER = LoggerFactory.getLogger(SavedUidls.class);

    private final Map<String, String> byBase;
    private final Set<String> uniqueIds;

    private SavedUidls(Map<String, String> byBase) {
        this.byBase = byBase;
        this.uniqueIds = new HashSet<>(byBase.values());
    }

    static SavedUidls load(Maildir maildir) throws IOException {
        Path file = maildir.root().resolve(FILE);
        maildir.counted(StoreCalls.Kind.FILE_READ);
        Map<String, String> byBase = new LinkedHashMap<>();
        if (QuietFiles.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.lastIndexOf(' ');
                String uidl = space < 0 ? "" : line.substring(space + 1);
                if (space <= 0 || !MaildropMessage.isUniqueId(uidl)) {
                    LOGGER.warn("Ignoring corrupt line '{}' of {}", line, file);
                    continue;
                }
                byBase.put(line.substring(0, space), uidl);
            }
        }
        return new SavedUidls(byBase);
    }

    Optional<String> of(String base) {
        return Optional.ofNullable(byBase.get(base));
    }

    /**
     * A message's own unique-id, or, when one imported for another message is the same (mail that came after the
     * import, named as the previous server named another), that id {@link MaildropMessage#SHADOWED_PREFIX prefixed}.
     */
    String shadowing(String own) {
        return uniqueIds.contains(own) ? MaildropMessage.SHADOWED_PREFIX + own : own;
    }

    /** Drops the lines of messages no longer in the maildir, when there are any. */
    void compact(Maildir maildir, Set<String> present) throws IOException {
        if (!present.containsAll(byBase.keySet())) {
            save(maildir, Map.of(), present);
        }
    }

    /** Writes the file anew with these messages' unique-ids added, keeping those of the messages still in the maildir. */
    void save(Maildir maildir, Map<String, String> added, Set<String> present) throws IOException {
        Map<String, String> kept = new LinkedHashMap<>();
        byBase.forEach((base, uidl) -> {
            if (present.contains(base)) {
                kept.put(base, uidl);
            }
        });
        kept.putAll(added);
        String content = kept.entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue() + "\n")
            .collect(Collectors.joining());
        maildir.writeAtomically(FILE, content.getBytes(StandardCharsets.UTF_8));
        byBase.clear();
        byBase.putAll(kept);
        uniqueIds.clear();
        uniqueIds.addAll(kept.values());
    }
}
