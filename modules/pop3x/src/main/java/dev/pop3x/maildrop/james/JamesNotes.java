package dev.pop3x.maildrop.james;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

import reactor.core.publisher.Mono;

/**
 * The notes pop3x keeps with an INBOX of the {@code james} backend: each a blob in James's blob store, named by the
 * INBOX's private annotation {@code /private/vendor/pop3x/note/<name in hexadecimal>}, so that every node sees them
 * (an annotation alone holds too little).
 */
public final class JamesNotes {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesNotes.class);

    private final BlobStore blobs;
    private final BlobId.Factory blobIds;

    @Inject
    public JamesNotes(BlobStore blobs, BlobId.Factory blobIds) {
        this.blobs = blobs;
        this.blobIds = blobIds;
    }

    private static final String PREFIX = "/private/vendor/pop3x/note/";

    /** Annotation keys allow letters and digits only: the name's UTF-8 octets in hexadecimal. */
    private static MailboxAnnotationKey key(String name) {
        StringBuilder hex = new StringBuilder(PREFIX);
        for (byte octet : name.getBytes(StandardCharsets.UTF_8)) {
            hex.append(Character.forDigit((octet >> 4) & 0xF, 16)).append(Character.forDigit(octet & 0xF, 16));
        }
        return new MailboxAnnotationKey(hex.toString());
    }

    private static Optional<String> nameOf(String hex) {
        if (hex.length() % 2 != 0) {
            return Optional.empty();
        }
        byte[] octets = new byte[hex.length() / 2];
        for (int i = 0; i < octets.length; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            octets[i] = (byte) (high << 4 | low);
        }
        return Optional.of(new String(octets, StandardCharsets.UTF_8));
    }

    Set<String> names(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session) throws MailboxException {
        Set<String> names = new LinkedHashSet<>();
        for (MailboxAnnotation annotation : mailboxManager.getAllAnnotations(inbox, session)) {
            String key = annotation.getKey().asString();
            if (key.startsWith(PREFIX) && annotation.getValue().isPresent()) {
                nameOf(key.substring(PREFIX.length())).ifPresent(names::add);
            }
        }
        return names;
    }

    void delete(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session, String name) throws MailboxException {
        Optional<String> previous = blobOf(mailboxManager, inbox, session, name);
        mailboxManager.updateAnnotations(inbox, session, List.of(MailboxAnnotation.nil(key(name))));
        previous.ifPresent(blob -> Mono.from(blobs.delete(blobs.getDefaultBucketName(), blobIds.from(blob))).block());
    }

    private static Optional<String> blobOf(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session, String name)
        throws MailboxException {
        return mailboxManager.getAnnotationsByKeys(inbox, session, Set.of(key(name))).stream()
            .map(MailboxAnnotation::getValue)
            .flatMap(Optional::stream)
            .findFirst();
    }

    Optional<String> read(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session, String name) throws MailboxException {
        Optional<String> blob = blobOf(mailboxManager, inbox, session, name);
        if (blob.isEmpty()) {
            return Optional.empty();
        }
        byte[] content = Mono.from(blobs.readBytes(blobs.getDefaultBucketName(), blobIds.from(blob.get()))).block();
        return Optional.of(new String(content, StandardCharsets.UTF_8));
    }

    /** Stores the note as a new blob and points the annotation at it; the previous blob is deleted. */
    void write(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session, String name, String content) throws MailboxException {
        Optional<String> previous = blobOf(mailboxManager, inbox, session, name);
        BlobId blob = Mono.from(blobs.save(blobs.getDefaultBucketName(), content.getBytes(StandardCharsets.UTF_8),
            BlobStore.StoragePolicy.LOW_COST)).block();
        mailboxManager.updateAnnotations(inbox, session, List.of(MailboxAnnotation.newInstance(key(name), blob.asString())));
        if (previous.isPresent() && !previous.get().equals(blob.asString())) {
            try {
                Mono.from(blobs.delete(blobs.getDefaultBucketName(), blobIds.from(previous.get()))).block();
            } catch (RuntimeException e) {
                LOGGER.warn("Cannot delete the previous note {} of {} (blob {})", name, inbox, previous.get(), e);
            }
        }
    }
}
