package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import com.google.common.collect.Maps;
import com.google.common.collect.Sets;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.maildir.uidl.MaildirUidls;
import dev.pop3x.maildrop.maildir.uidl.ScannedMessage;
import dev.pop3x.maildrop.maildir.uidl.UidlScheme;
import dev.pop3x.maildrop.maildir.uidl.UidlWriters;
import dev.pop3x.maildrop.maildir.uidl.UnusableUidlFile;

/**
 * A maildir's messages as a session lists them: read from new/ and cur/, named by {@link SavedUidls} (imported) or
 * else by the {@link UidlScheme} (Dovecot's or Courier's), and ordered by it (delivery order, or the previous server's
 * where its file is), each sized from its name or from {@link VirtualSizes}
 * (measured once), with its retrieval from the {@link RetrievalLedger}; the control files are kept in step with what
 * is there.
 */
final class MaildirListing {
    private final List<MaildropMessage> messages;
    private final Map<MaildropMessage, MaildirFile> files;

    private MaildirListing(List<MaildropMessage> messages, Map<MaildropMessage, MaildirFile> files) {
        this.messages = messages;
        this.files = files;
    }

    static MaildirListing scan(Maildir maildir, RetrievalLedger ledger, UidlScheme scheme, UidlWriters writers)
        throws IOException, UnusableUidlFile {
        return scan(maildir, ledger, scheme, writers, Map.of());
    }

    /** @param known the files the previous listing found, by entry ({@link Maildir#scan(Map)}) */
    static MaildirListing scan(Maildir maildir, RetrievalLedger ledger, UidlScheme scheme, UidlWriters writers, Map<String, MaildirFile> known)
        throws IOException, UnusableUidlFile {
        VirtualSizes sizes = VirtualSizes.of(maildir);
        SavedUidls saved = SavedUidls.load(maildir);
        List<MaildirFile> found = maildir.scan(known);
        int count = found.size();
        List<MaildropMessage> messages = new ArrayList<>(count);
        Map<MaildropMessage, MaildirFile> files = Maps.newHashMapWithExpectedSize(count);
        Set<String> bases = Sets.newHashSetWithExpectedSize(count);
        Map<String, MaildirFile> scanned = Maps.newLinkedHashMapWithExpectedSize(count);
        Map<String, ScannedMessage> sized = Maps.newLinkedHashMapWithExpectedSize(count);
        for (MaildirFile file : found) {
            scanned.put(file.name().base(), file);
            OptionalLong octets = sizes.of(file);
            if (octets.isPresent()) {
                sized.put(file.name().base(), new ScannedMessage(file.path(), octets.getAsLong()));
            }
            // else deleted while listed
        }
        MaildirUidls uidls = scheme.name(maildir.root(), sized, writers);
        for (String listed : uidls.order()) {
            MaildirFile file = scanned.get(listed);
            long octets = sized.get(listed).octets();
            String base = file.name().base();
            String uniqueId = saved.of(base).orElseGet(() -> saved.shadowing(MaildirMaildropStore.uniqueId(uidls.uidlOf(base))));
            MaildropMessage message = new MaildropMessage(uniqueId, octets,
                Maildir.sizeOf(file), Instant.ofEpochSecond(file.name().deliverySeconds()), ledger.retrieved(base));
            messages.add(message);
            files.put(message, file);
            bases.add(base);
        }
        // messages not listed yet (no UID yet) keep their sizes and retrievals
        bases.addAll(scanned.keySet());
        sizes.save(bases);
        ledger.compact(bases);
        saved.compact(maildir, bases);
        return new MaildirListing(messages, files);
    }

    List<MaildropMessage> messages() {
        return messages;
    }

    Map<MaildropMessage, MaildirFile> files() {
        return files;
    }
}
