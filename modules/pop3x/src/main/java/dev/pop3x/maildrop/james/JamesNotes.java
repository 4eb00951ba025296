package dev.pop3x.maildrop.james;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.ObjectNotFoundException;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.TextNotes;
import reactor.core.publisher.Mono;

/**
 * The notes pop3x keeps with an INBOX of the {@code james} backend, every kind alike (the devices, the messages hidden
 * from POP3, the imported unique-ids): each a blob in James's blob store, named by the INBOX's private annotation
 * {@code /private/vendor/pop3x/note/<kind>} (an annotation alone holds too little), so that every node sees them. A
 * login reads every pop3x annotation of the INBOX in one call ({@link #annotations}), with the listing; a kind without
 * an annotation costs no blob read. James allows 10 annotations per mailbox by default: pop3x uses at most five (one
 * per kind, the last login and the measured octets).
 */
public final class JamesNotes {
    /** The root of pop3x's annotations of an INBOX (James accepts no vendor key this short: it is no key of its own). */
    private static final String ROOT = "/private/vendor/pop3x/";
    private static final String NOTE = ROOT + "note/";

    private static final Logger LOGGER = LoggerFactory.getLogger(JamesNotes.class);

    private final BlobStore blobs;
    private final BlobId.Factory blobIds;
    private final MailboxSessionMapperFactory mappers;
    private final StoreCalls calls;

    @Inject
    public JamesNotes(BlobStore blobs, BlobId.Factory blobIds, MailboxSessionMapperFactory mappers, StoreCalls calls) {
        this.calls = calls;
        this.blobs = blobs;
        this.blobIds = blobIds;
        this.mappers = mappers;
    }

    /**
     * Every pop3x annotation of an INBOX the session has opened, by key, in one read of the annotations of its id: the
     * INBOX was found and its rights checked when it was opened, so that James's {@code getAllAnnotations} need not
     * find it by its path and check its rights again (two more reads on Cassandra or PostgreSQL).
     */
    Map<String, String> annotations(MessageManager inbox, MailboxSession session) throws MailboxException {
        AnnotationMapper annotations = mappers.getAnnotationMapper(session);
        List<MailboxAnnotation> all = annotations.execute(() -> annotations.getAllAnnotations(inbox.getId()));
        return all.stream()
            .filter(annotation -> annotation.getKey().asString().startsWith(ROOT) && annotation.getValue().isPresent())
            .collect(Collectors.toMap(annotation -> annotation.getKey().asString(), annotation -> annotation.getValue().get(), (a, b) -> a));
    }

    /** The blob a note's annotation names, among the annotations read; empty when there is no such note. */
    static Optional<String> blobOf(Map<String, String> annotations, String kind) {
        return Optional.ofNullable(annotations.get(NOTE + kind));
    }

    /** The notes of one INBOX for one session, as its annotations were read when the session opened it. */
    TextNotes of(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session, Map<String, String> annotationsAtOpen) {
        return new Notes(mailboxManager, inbox, session, annotationsAtOpen);
    }

    private final class Notes extends TextNotes {
        private final MailboxManager mailboxManager;
        private final MailboxPath inbox;
        private final MailboxSession session;
        private final Map<String, String> annotationsAtOpen;

        Notes(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session, Map<String, String> annotationsAtOpen) {
            this.mailboxManager = mailboxManager;
            this.inbox = inbox;
            this.session = session;
            this.annotationsAtOpen = annotationsAtOpen;
        }

        @Override
        protected Optional<String> textAtOpen(String kind) throws MaildropException {
            Optional<String> blob = blobOf(annotationsAtOpen, kind);
            if (blob.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> text = read(blob.get());
            // gone: another session replaced the note since this one opened the INBOX
            return text.isPresent() ? text : textNow(kind);
        }

        @Override
        protected Optional<String> textNow(String kind) throws MaildropException {
            Optional<String> blob = currentBlob(kind);
            return blob.isEmpty() ? Optional.empty() : read(blob.get());
        }

        /** Stores the note as a new blob and points the annotation at it; the previous blob is deleted. */
        @Override
        protected void save(String kind, String text) throws MaildropException {
            Optional<String> previous = currentBlob(kind);
            calls.count(StoreCalls.Kind.BLOB_WRITE);
            String blob = Mono.from(blobs.save(blobs.getDefaultBucketName(), text.getBytes(StandardCharsets.UTF_8),
                BlobStore.StoragePolicy.LOW_COST)).block().asString();
            MailboxCalls.inRequest(mailboxManager, session, "save the note " + kind, () -> {
                calls.count(StoreCalls.Kind.ANNOTATION_WRITE);
                mailboxManager.updateAnnotations(inbox, session, List.of(MailboxAnnotation.newInstance(new MailboxAnnotationKey(NOTE + kind), blob)));
                return null;
            });
            if (previous.isPresent() && !previous.get().equals(blob)) {
                try {
                    calls.count(StoreCalls.Kind.BLOB_WRITE);
                    Mono.from(blobs.delete(blobs.getDefaultBucketName(), blobIds.from(previous.get()))).block();
                } catch (RuntimeException e) {
                    LOGGER.warn("Cannot delete the previous note {} of {} (blob {})", kind, inbox, previous.get(), e);
                }
            }
        }

        private Optional<String> currentBlob(String kind) throws MaildropException {
            calls.count(StoreCalls.Kind.ANNOTATION_READ);
            return MailboxCalls.inRequest(mailboxManager, session, "read the note " + kind, () ->
                mailboxManager.getAnnotationsByKeys(inbox, session, Set.of(new MailboxAnnotationKey(NOTE + kind))).stream()
                    .map(MailboxAnnotation::getValue)
                    .flatMap(Optional::stream)
                    .findFirst());
        }

        private Optional<String> read(String blob) {
            calls.count(StoreCalls.Kind.BLOB_READ);
            try {
                return Optional.of(new String(Mono.from(blobs.readBytes(blobs.getDefaultBucketName(), blobIds.from(blob))).block(),
                    StandardCharsets.UTF_8));
            } catch (ObjectNotFoundException e) {
                return Optional.empty();
            }
        }
    }
}
