package dev.pop3x.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropLocks.MaildropLock;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropStore;

/**
 * Imports the unique-ids that the previous server gave a user's messages, so that leave-on-server clients that synced
 * against it download nothing again (no public POP3 server has this; Dovecot's and Courier's UIDL files are read
 * directly, see {@code maildir.uidl}). It holds the maildrop lock while it works, as the deletion policy does: a user
 * in a session is not changed under their client.
 */
public final class UidlImporter {
    private static final Logger LOGGER = LoggerFactory.getLogger(UidlImporter.class);

    private final MaildropStore store;
    private final MaildropLocks locks;

    @Inject
    public UidlImporter(MaildropStore store, MaildropLocks locks) {
        this.store = store;
        this.locks = locks;
    }

    /** The maildrop was in a POP3 session: nothing was read or changed. */
    public static final class InUse extends Exception {
        private static final long serialVersionUID = 1L;

        InUse(Username user, String holder) {
            super("The maildrop of " + user.asString() + " is in use (" + holder + "): import again once its session ends");
        }
    }

    /**
     * Matches the map against the user's maildrop and, unless a dry run, makes each matched message answer its
     * unique-id from the next login on.
     */
    public ImportReport importUidls(Username user, UidlMap map, boolean dryRun) throws InUse, MaildropException {
        Optional<MaildropLock> lock = locks.tryLockBriefly(user, "uidl-import");
        if (lock.isEmpty()) {
            throw new InUse(user, locks.holder(user).orElse("a session"));
        }
        try (Maildrop maildrop = store.open(user)) {
            UidlMatching matching = UidlMatching.of(map, fingerprints(maildrop, map));
            if (!dryRun && !matching.changes().isEmpty()) {
                maildrop.saveUniqueIds(matching.changes());
            }
            ImportReport report = matching.report(dryRun);
            LOGGER.info("UIDL import user={} {}", user.asString(), report);
            return report;
        } finally {
            lock.get().release();
        }
    }

    private static List<Fingerprint> fingerprints(Maildrop maildrop, UidlMap map) throws MaildropException {
        List<Fingerprint> fingerprints = new ArrayList<>();
        boolean needsHeaderDigests = map.needsHeaderDigests();
        boolean needsMessageIds = map.needsMessageIds();
        boolean needsDigests = map.needsDigests();
        for (MaildropMessage message : maildrop.messages()) {
            Optional<String> messageId = Optional.empty();
            Optional<String> sha256 = Optional.empty();
            Optional<String> headerDigest = Optional.empty();
            try {
                if (needsHeaderDigests) {
                    try (InputStream headers = maildrop.headers(message)) {
                        headerDigest = Optional.of(HeaderDigest.of(headers));
                    }
                }
                if (needsMessageIds) {
                    try (InputStream headers = maildrop.headers(message)) {
                        messageId = MessageIdField.read(headers);
                    }
                }
                if (needsDigests) {
                    try (InputStream content = maildrop.content(message)) {
                        sha256 = Optional.of(Fingerprint.sha256WithCrlfLineEnds(content));
                    }
                }
            } catch (IOException e) {
                throw MaildropException.temporary("reading message " + message.uniqueId() + " for the UIDL import", e);
            }
            fingerprints.add(new Fingerprint(message, messageId, sha256, headerDigest));
        }
        return fingerprints;
    }
}
