package dev.pop3x.maildrop.james;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.model.MailboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.NoteKind;

/**
 * The unique-ids an operator imported from the previous server for an INBOX of the {@code james} backend, kept as
 * the note {@link #KIND} ({@link JamesNotes}): a line {@code uidvalidity <n>}, then lines {@code <uid> <uidl>}. Notes
 * live where James keeps mail, so every node sees them; keywords would not do, since James lists every keyword of a
 * mailbox in IMAP's FLAGS. A map made for another UIDVALIDITY (the INBOX was created again) names other messages and
 * is ignored.
 */
final class ImportedUidls {
    static final NoteKind<ImportedUidls> KIND = NoteKind.of("uidls", ImportedUidls::parse, ImportedUidls::format);

    private static final Logger LOGGER = LoggerFactory.getLogger(ImportedUidls.class);
    private static final String UIDVALIDITY = "uidvalidity ";

    private final long uidValidity;
    private final Map<Long, String> byUid;

    ImportedUidls(long uidValidity, Map<Long, String> byUid) {
        this.uidValidity = uidValidity;
        this.byUid = Collections.unmodifiableMap(new LinkedHashMap<>(byUid));
    }

    /** The unique-ids by UID, for an INBOX of this UIDVALIDITY. */
    Map<Long, String> forInbox(long inboxUidValidity, MailboxPath inbox) {
        if (uidValidity != inboxUidValidity) {
            LOGGER.warn("Ignoring the imported unique-ids of {}: made for UIDVALIDITY {}, the INBOX has {}", inbox, uidValidity, inboxUidValidity);
            return Map.of();
        }
        return byUid;
    }

    private static Optional<ImportedUidls> parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith(UIDVALIDITY)) {
            return Optional.empty();
        }
        long uidValidity;
        try {
            uidValidity = Long.parseLong(lines[0].substring(UIDVALIDITY.length()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Map<Long, String> byUid = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            try {
                String uidl = line.substring(space + 1);
                if (space <= 0 || !MaildropMessage.isUniqueId(uidl)) {
                    throw new IllegalArgumentException(line);
                }
                byUid.put(Long.parseLong(line.substring(0, space)), uidl);
            } catch (IllegalArgumentException e) {
                LOGGER.warn("Ignoring corrupt line '{}' of imported unique-ids", line);
            }
        }
        return Optional.of(new ImportedUidls(uidValidity, byUid));
    }

    private static String format(ImportedUidls imported) {
        StringBuilder text = new StringBuilder(UIDVALIDITY).append(imported.uidValidity).append('\n');
        imported.byUid.forEach((uid, uidl) -> text.append(uid).append(' ').append(uidl).append('\n'));
        return text.toString();
    }
}
