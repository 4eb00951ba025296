package dev.pop3x.maildrop.james;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropMessage;
import reactor.core.publisher.Mono;

/**
 * The unique-ids an operator imported from the previous server for an INBOX of the {@code james} backend: a blob in
 * James's blob store (lines {@code <uid> <uidl>}), named by the INBOX's private annotation
 * {@code /private/vendor/pop3x/uidls} as {@code <uidvalidity> <blob id>}. Both live where James keeps mail, so every
 * node sees them; keywords would not do, since James lists every keyword of a mailbox in IMAP's FLAGS. A map made
 * for another UIDVALIDITY (the INBOX was created again) names other messages and is ignored.
 */
public final class ImportedUidls {
    static final MailboxAnnotationKey ANNOTATION = new MailboxAnnotationKey("/private/vendor/pop3x/uidls");

    private static final Logger LOGGER = LoggerFactory.getLogger(ImportedUidls.class);

    private final BlobStore blobs;
    private final BlobId.Factory blobIds;

    @Inject
    public ImportedUidls(BlobStore blobs, BlobId.Factory blobIds) {
        this.blobs = blobs;
        this.blobIds = blobIds;
    }

    /** The annotation's value, read once per login: it is part of what identifies a listing. */
    String reference(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session) throws MailboxException {
        return mailboxManager.getAnnotationsByKeys(inbox, session, Set.of(ANNOTATION)).stream()
            .map(MailboxAnnotation::getValue)
            .flatMap(Optional::stream)
            .findFirst()
            .orElse("");
    }

    /** The unique-ids by UID that the reference names, for an INBOX of this UIDVALIDITY. */
    Map<Long, String> read(String reference, long uidValidity, MailboxPath inbox) {
        Map<Long, String> byUid = new LinkedHashMap<>();
        if (reference.isEmpty()) {
            return byUid;
        }
        String[] parts = reference.split(" ", 2);
        if (parts.length != 2 || !parts[0].equals(String.valueOf(uidValidity))) {
            LOGGER.warn("Ignoring the imported unique-ids of {}: made for UIDVALIDITY {}, the INBOX has {}", inbox, parts[0], uidValidity);
            return byUid;
        }
        byte[] content = Mono.from(blobs.readBytes(blobs.getDefaultBucketName(), blobIds.from(parts[1]))).block();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (line.isEmpty()) {
                continue;
            }
            try {
                String uidl = line.substring(space + 1);
                if (space <= 0 || !MaildropMessage.isUniqueId(uidl)) {
                    throw new IllegalArgumentException(line);
                }
                byUid.put(Long.parseLong(line.substring(0, space)), uidl);
            } catch (IllegalArgumentException e) {
                LOGGER.warn("Ignoring corrupt line '{}' of the imported unique-ids of {}", line, inbox);
            }
        }
        return byUid;
    }

    /** Stores the map as a new blob and points the INBOX's annotation at it; the previous blob is deleted. */
    void write(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session, long uidValidity, Map<Long, String> byUid,
               String previous) throws MailboxException {
        String content = byUid.entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue() + "\n")
            .collect(Collectors.joining());
        BlobId blob = Mono.from(blobs.save(blobs.getDefaultBucketName(), content.getBytes(StandardCharsets.UTF_8),
            BlobStore.StoragePolicy.LOW_COST)).block();
        mailboxManager.updateAnnotations(inbox, session,
            List.of(MailboxAnnotation.newInstance(ANNOTATION, uidValidity + " " + blob.asString())));
        String[] parts = previous.split(" ", 2);
        if (parts.length == 2 && !parts[1].equals(blob.asString())) {
            try {
                Mono.from(blobs.delete(blobs.getDefaultBucketName(), blobIds.from(parts[1]))).block();
            } catch (RuntimeException e) {
                LOGGER.warn("Cannot delete the previous imported unique-ids of {} (blob {})", inbox, parts[1], e);
            }
        }
    }
}
