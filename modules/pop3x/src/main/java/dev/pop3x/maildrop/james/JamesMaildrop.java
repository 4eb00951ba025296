package dev.pop3x.maildrop.james;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropNotes;
import dev.pop3x.maildrop.QuotaUsage;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.TextNotes;

/** A user's INBOX in James's mailboxes, as one POP3 session sees it. */
final class JamesMaildrop implements Maildrop {
    /** Where the time of the last successful login is kept: a private annotation of the INBOX (RFC 5464). */
    static final MailboxAnnotationKey LAST_LOGIN = new MailboxAnnotationKey("/private/vendor/pop3x/lastlogin");

    private static final Logger LOGGER = LoggerFactory.getLogger(JamesMaildrop.class);

    private final MailboxManager mailboxManager;
    private final JamesQuotas quotas;
    private final MailboxSession session;
    private final MessageManager inbox;
    private final CompactListing messages;
    private final ReadAhead readAhead;
    /** What the login measured, saved when the session ends. */
    private final Optional<CrlfOctets.Measured> octets;
    private final long uidValidity;
    private final TextNotes notes;
    /** Every pop3x annotation of the INBOX, as read at open. */
    private final Map<String, String> annotations;
    private final StoreCalls calls;
    /** UIDs retrieved in this session, by the flags to add: \\Seen, and the retrieval keyword unless retrieved before. */
    private final Map<Flags, List<MessageUid>> toFlag = new LinkedHashMap<>();

    JamesMaildrop(MailboxManager mailboxManager, JamesQuotas quotas, MailboxSession session, MessageManager inbox, CompactListing messages,
                  Map<Long, byte[]> measured, Optional<CrlfOctets.Measured> octets, long uidValidity, TextNotes notes,
                  Map<String, String> annotations, StoreCalls calls) {
        this.calls = calls;
        this.octets = octets;
        this.uidValidity = uidValidity;
        this.notes = notes;
        this.annotations = annotations;
        this.mailboxManager = mailboxManager;
        this.quotas = quotas;
        this.session = session;
        this.inbox = inbox;
        this.messages = messages;
        this.readAhead = new ReadAhead(messages, measured);
    }

    @Override
    public List<MaildropMessage> messages() {
        return messages;
    }

    /** The message, read ahead with the next ones when the client goes in order ({@link ReadAhead}). */
    @Override
    public InputStream content(MaildropMessage message) throws MaildropException {
        long uid = uid(message).asLong();
        Optional<byte[]> ahead = readAhead.fetched(uid);
        if (ahead.isPresent()) {
            return new ByteArrayInputStream(ahead.get());
        }
        long last = readAhead.fetchUpTo(uid);
        return inRequest("read message " + message.uniqueId(), () -> {
            calls.count(StoreCalls.Kind.MAILBOX_READ);
            Iterator<MessageResult> results = inbox.getMessages(MessageRange.range(MessageUid.of(uid), MessageUid.of(last)),
                FetchGroup.FULL_CONTENT, session);
            Content wanted = null;
            while (results.hasNext()) {
                MessageResult result = results.next();
                if (result.getUid().asLong() == uid) {
                    wanted = result.getFullContent();
                } else {
                    readAhead.keep(result.getUid().asLong(), result.getFullContent());
                }
            }
            if (wanted == null) {
                throw MaildropException.temporary("Message " + message.uniqueId() + " is no longer in the INBOX of "
                    + session.getUser().asString(), null);
            }
            return wanted.getInputStream();
        });
    }

    /**
     * The header section James stored apart. James finds where it ends by looking for CRLF CRLF, so for mail stored
     * with bare LF it has none: then the whole message is read instead, and the caller cuts it.
     */
    @Override
    public InputStream headers(MaildropMessage message) throws MaildropException {
        byte[] headers = storedHeaders(message);
        if (endsWithBlankLine(headers)) {
            return new ByteArrayInputStream(headers);
        }
        return content(message);
    }

    private static boolean endsWithBlankLine(byte[] headers) {
        int length = headers.length;
        return (length >= 2 && headers[length - 1] == '\n' && headers[length - 2] == '\n')
            || (length >= 3 && headers[length - 1] == '\n' && headers[length - 2] == '\r' && headers[length - 3] == '\n');
    }

    private byte[] storedHeaders(MaildropMessage message) throws MaildropException {
        return inRequest("read the headers of " + message.uniqueId(), () -> {
            calls.count(StoreCalls.Kind.MAILBOX_READ);
            Iterator<MessageResult> results = inbox.getMessages(uid(message).toRange(), FetchGroup.HEADERS, session);
            if (!results.hasNext()) {
                throw MaildropException.temporary("Message " + message.uniqueId() + " is no longer in the INBOX of "
                    + session.getUser().asString(), null);
            }
            try (InputStream in = results.next().getHeaders().getInputStream()) {
                return in.readAllBytes();
            }
        });
    }

    /**
     * {@code \Seen}, as Dovecot sets it on RETR (IMAP clients then show the message as read), and the first time
     * the {@link RetrievalKeyword} of the day; nothing for a message retrieved before and still {@code \Seen}. The
     * listing shows the retrieval at once; the flags are stored for the whole session when it ends ({@link #close}),
     * in one update per range of UIDs instead of one per message. A crash loses them, which only makes the messages
     * look unretrieved: the policy keeps them.
     */
    @Override
    public void markRetrieved(MaildropMessage message, Instant when) {
        MessageUid uid = uid(message);
        if (message.retrieved().isEmpty()) {
            Flags seenAndRetrieved = new Flags(Flags.Flag.SEEN);
            seenAndRetrieved.add(RetrievalKeyword.of(when));
            toFlag.computeIfAbsent(seenAndRetrieved, flags -> new ArrayList<>()).add(uid);
            messages.retrieved(uid.asLong(), RetrievalKeyword.readAs(when));
        } else if (messages.markSeen(uid.asLong())) {
            // retrieved before, and flagged unread since (by an IMAP client)
            toFlag.computeIfAbsent(new Flags(Flags.Flag.SEEN), flags -> new ArrayList<>()).add(uid);
        }
    }

    private void flushRetrievals() {
        if (toFlag.isEmpty()) {
            return;
        }
        try {
            inRequest("store the retrievals", () -> {
                for (Map.Entry<Flags, List<MessageUid>> group : toFlag.entrySet()) {
                    for (MessageRange range : MessageRange.toRanges(group.getValue())) {
                        calls.count(StoreCalls.Kind.MAILBOX_WRITE);
                        inbox.setFlags(group.getKey(), MessageManager.FlagsUpdateMode.ADD, range, session);
                    }
                }
                return null;
            });
        } catch (MaildropException e) {
            LOGGER.warn("The retrievals are not stored: the messages look unretrieved, and the policy keeps them", e);
        } finally {
            toFlag.clear();
        }
    }

    @Override
    public void expunge(Collection<MaildropMessage> expunged) throws MaildropException {
        if (expunged.isEmpty()) {
            return;
        }
        inRequest("expunge " + expunged + " from the INBOX", () -> {
            calls.count(StoreCalls.Kind.MAILBOX_WRITE);
            inbox.delete(expunged.stream().map(this::uid).collect(ImmutableList.toImmutableList()), session);
            return null;
        });
    }

    @Override
    public QuotaUsage quota() throws MaildropException {
        calls.count(StoreCalls.Kind.QUOTA_READ);
        return quotas.of(session.getUser());
    }

    /** As read with the listing: no store call. */
    @Override
    public Optional<Instant> lastLogin() {
        return Optional.ofNullable(annotations.get(LAST_LOGIN.asString())).flatMap(millis -> {
            try {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(millis)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void recordLogin(Instant when) throws MaildropException {
        inRequest("record the login", () -> {
            calls.count(StoreCalls.Kind.ANNOTATION_WRITE);
            mailboxManager.updateAnnotations(inbox.getMailboxPath(), session,
                List.of(MailboxAnnotation.newInstance(LAST_LOGIN, String.valueOf(when.toEpochMilli()))));
            return null;
        });
    }

    /**
     * Merged into the INBOX's {@link ImportedUidls}: this session keeps listing the unique-ids it listed. The caller
     * (the UIDL import) holds the whole maildrop.
     */
    @Override
    public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
        notes.update(ImportedUidls.KIND, current -> {
            Map<Long, String> byUid = new LinkedHashMap<>(current.map(imported -> imported.forInbox(uidValidity, inbox.getMailboxPath()))
                .orElse(Map.of()));
            byUid.keySet().removeIf(uid -> messages.indexOfUid(uid) < 0);
            uniqueIds.forEach((message, uniqueId) -> byUid.put(uid(message).asLong(), uniqueId));
            return new ImportedUidls(uidValidity, byUid);
        });
    }

    @Override
    public MaildropNotes notes() {
        return notes;
    }

    @Override
    public void close() {
        readAhead.clear();
        flushRetrievals();
        octets.ifPresent(this::saveMeasured);
    }

    private void saveMeasured(CrlfOctets.Measured measured) {
        try {
            inRequest("save the measured octets", () -> {
                measured.saveIfNew(mailboxManager, inbox, session, calls);
                return null;
            });
        } catch (MaildropException e) {
            LOGGER.warn("The measured octets are not saved; they will be measured again", e);
        }
    }

    private <T> T inRequest(String what, MailboxCalls.MailboxCall<T> call) throws MaildropException {
        return MailboxCalls.inRequest(mailboxManager, session, what, call);
    }

    /** The UID of a listed message, whichever form {@code james.uidl} gives its unique-id. */
    private MessageUid uid(MaildropMessage message) {
        return MessageUid.of(messages.uidOf(message.uniqueId()));
    }
}
