package dev.pop3x.maildrop.james;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;

import dev.pop3x.maildrop.StoreCalls;

/**
 * The annotations of an INBOX that a listing needs, read in one call at login: the imported unique-ids'
 * reference ({@link ImportedUidls}) and the sizes measured with CRLF line ends ({@link CrlfOctets}). Neither moves
 * the INBOX's mod-sequence, so both are part of what identifies a listing.
 */
final class InboxAnnotations {
    private final String importedUidls;
    private final Optional<String> crlfOctets;

    private InboxAnnotations(String importedUidls, Optional<String> crlfOctets) {
        this.importedUidls = importedUidls;
        this.crlfOctets = crlfOctets;
    }

    static InboxAnnotations read(MailboxManager mailboxManager, MessageManager inbox, MailboxSession session, StoreCalls calls)
        throws MailboxException {
        calls.count(StoreCalls.Kind.ANNOTATION_READ);
        Map<MailboxAnnotationKey, String> values = mailboxManager.getAnnotationsByKeys(inbox.getMailboxPath(), session,
                Set.of(ImportedUidls.ANNOTATION, CrlfOctets.KEY)).stream()
            .filter(annotation -> annotation.getValue().isPresent())
            .collect(Collectors.toMap(MailboxAnnotation::getKey, annotation -> annotation.getValue().get(), (first, second) -> first));
        return new InboxAnnotations(values.getOrDefault(ImportedUidls.ANNOTATION, ""), Optional.ofNullable(values.get(CrlfOctets.KEY)));
    }

    /** The imported unique-ids' reference; empty when none were imported. */
    String importedUidls() {
        return importedUidls;
    }

    /** The sizes measured so far, as {@link CrlfOctets} wrote them. */
    Optional<String> crlfOctets() {
        return crlfOctets;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InboxAnnotations)) {
            return false;
        }
        InboxAnnotations that = (InboxAnnotations) o;
        return importedUidls.equals(that.importedUidls) && crlfOctets.equals(that.crlfOctets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(importedUidls, crlfOctets);
    }
}
