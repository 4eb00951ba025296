package dev.pop3x.maildrop.james;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
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
import dev.pop3x.maildrop.QuotaUsage;

/** A user's INBOX in James's mailboxes, as one POP3 session sees it. */
final class JamesMaildrop implements Maildrop {
    /** Where the time of the last successful login is kept: a private annotation of the INBOX (RFC 5464). */
    static final MailboxAnnotationKey LAST_LOGIN = new MailboxAnnotationKey("/private/vendor/pop3x/lastlogin");

    private static final Logger LOGGER = LoggerFactory.getLogger(JamesMaildrop.class);
    private static final String SEEN_ONLY = "";
    static final long READ_AHEAD_OCTETS = 512 * 1024;
    static final int READ_AHEAD_MESSAGES = 100;

    private final MailboxManager mailboxManager;
    private final JamesQuotas quotas;
    private final MailboxSession session;
    private final MessageManager inbox;
    private final CompactListing messages;
    /** UIDs retrieved in this session, by the keyword to add ({@link #SEEN_ONLY}: already retrieved before). */
    private final Map<String, List<MessageUid>> toFlag = new LinkedHashMap<>();
    private final Map<Long, Content> readAhead = new HashMap<>();
    private long lastContentUid = -1;

    JamesMaildrop(MailboxManager mailboxManager, JamesQuotas quotas, MailboxSession session, MessageManager inbox, CompactListing messages) {
        this.mailboxManager = mailboxManager;
        this.quotas = quotas;
        this.session = session;
        this.inbox = inbox;
        this.messages = messages;
    }

    @Override
    public List<MaildropMessage> messages() {
        return messages;
    }

    /**
     * A client that retrieves messages in order (most do) gets the next ones fetched with this one, up to
     * {@link #READ_AHEAD_OCTETS} and {@link #READ_AHEAD_MESSAGES}: one mailbox query for many RETRs, which matters
     * on storage where each query costs (James's memory mapper scans the whole mailbox for each).
     */
    @Override
    public InputStream content(MaildropMessage message) throws MaildropException {
        long uid = uid(message).asLong();
        Content ahead = readAhead.remove(uid);
        boolean sequential = lastContentUid >= 0 && messages.indexOfUid(uid) > 0
            && messages.uidAt(messages.indexOfUid(uid) - 1) == lastContentUid;
        lastContentUid = uid;
        try {
            if (ahead != null) {
                return ahead.getInputStream();
            }
            if (!sequential) {
                return fetch(message, FetchGroup.FULL_CONTENT, true);
            }
            return fetchAhead(message, uid);
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot read message " + message.uniqueId() + " of " + session.getUser().asString(), e);
        }
    }

    private InputStream fetchAhead(MaildropMessage message, long uid) throws MaildropException, IOException {
        readAhead.clear();
        int first = messages.indexOfUid(uid);
        int last = first;
        long octets = messages.storedOctetsAt(first);
        while (last + 1 < messages.size() && last + 1 - first < READ_AHEAD_MESSAGES
            && octets + messages.storedOctetsAt(last + 1) <= READ_AHEAD_OCTETS) {
            last++;
            octets += messages.storedOctetsAt(last);
        }
        if (last == first) {
            return fetch(message, FetchGroup.FULL_CONTENT, true);
        }
        mailboxManager.startProcessingRequest(session);
        try {
            Iterator<MessageResult> results = inbox.getMessages(
                MessageRange.range(MessageUid.of(uid), MessageUid.of(messages.uidAt(last))), FetchGroup.FULL_CONTENT, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                readAhead.put(result.getUid().asLong(), result.getFullContent());
            }
        } catch (MailboxException | RuntimeException e) {
            throw MaildropException.temporary("Cannot read message " + message.uniqueId() + " of " + session.getUser().asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        Content content = readAhead.remove(uid);
        if (content == null) {
            throw MaildropException.temporary("Message " + message.uniqueId() + " is no longer in the INBOX of "
                + session.getUser().asString(), null);
        }
        return content.getInputStream();
    }

    /**
     * The header section James stored apart. James finds where it ends by looking for CRLF CRLF, so for mail stored
     * with bare LF it has none: then the whole message is read instead, and the caller cuts it.
     */
    @Override
    public InputStream headers(MaildropMessage message) throws MaildropException {
        byte[] headers;
        try (InputStream in = fetch(message, FetchGroup.HEADERS, false)) {
            headers = in.readAllBytes();
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot read the headers of " + message.uniqueId(), e);
        }
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

    private InputStream fetch(MaildropMessage message, FetchGroup group, boolean fullContent) throws MaildropException {
        mailboxManager.startProcessingRequest(session);
        try {
            Iterator<MessageResult> results = inbox.getMessages(uid(message).toRange(), group, session);
            if (!results.hasNext()) {
                throw MaildropException.temporary("Message " + message.uniqueId() + " is no longer in the INBOX of "
                    + session.getUser().asString(), null);
            }
            MessageResult result = results.next();
            return fullContent ? result.getFullContent().getInputStream() : result.getHeaders().getInputStream();
        } catch (MailboxException | IOException | RuntimeException e) {
            throw MaildropException.temporary("Cannot read message " + message.uniqueId() + " of " + session.getUser().asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * {@code \Seen}, as Dovecot sets it on RETR (IMAP clients then show the message as read), and the first time
     * the {@link RetrievalKeyword} of the day. The listing shows the retrieval at once; the flags are stored for the
     * whole session when it ends ({@link #close}), in one update per range of UIDs instead of one per message. A
     * crash loses them, which only makes the messages look unretrieved: the policy keeps them.
     */
    @Override
    public void markRetrieved(MaildropMessage message, Instant when) {
        MessageUid uid = uid(message);
        if (message.retrieved().isEmpty()) {
            toFlag.computeIfAbsent(RetrievalKeyword.of(when), keyword -> new ArrayList<>()).add(uid);
            messages.retrieved(uid.asLong(), RetrievalKeyword.readAs(when));
        } else {
            toFlag.computeIfAbsent(SEEN_ONLY, keyword -> new ArrayList<>()).add(uid);
        }
    }

    private void flushRetrievals() {
        if (toFlag.isEmpty()) {
            return;
        }
        mailboxManager.startProcessingRequest(session);
        try {
            for (Map.Entry<String, List<MessageUid>> group : toFlag.entrySet()) {
                Flags flags = new Flags(Flags.Flag.SEEN);
                if (!group.getKey().equals(SEEN_ONLY)) {
                    flags.add(group.getKey());
                }
                for (MessageRange range : MessageRange.toRanges(group.getValue())) {
                    inbox.setFlags(flags, MessageManager.FlagsUpdateMode.ADD, range, session);
                }
            }
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot store the retrievals of {}", session.getUser().asString(), e);
        } finally {
            toFlag.clear();
            mailboxManager.endProcessingRequest(session);
        }
    }

    @Override
    public void expunge(Collection<MaildropMessage> expunged) throws MaildropException {
        if (expunged.isEmpty()) {
            return;
        }
        mailboxManager.startProcessingRequest(session);
        try {
            inbox.delete(expunged.stream().map(JamesMaildrop::uid).collect(ImmutableList.toImmutableList()), session);
        } catch (MailboxException | RuntimeException e) {
            throw MaildropException.temporary("Cannot expunge " + expunged + " from the INBOX of " + session.getUser().asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    @Override
    public QuotaUsage quota() throws MaildropException {
        return quotas.of(session.getUser());
    }

    @Override
    public Optional<Instant> lastLogin() throws MaildropException {
        try {
            return mailboxManager.getAnnotationsByKeys(inbox.getMailboxPath(), session, Set.of(LAST_LOGIN)).stream()
                .map(MailboxAnnotation::getValue)
                .flatMap(Optional::stream)
                .findFirst()
                .map(millis -> Instant.ofEpochMilli(Long.parseLong(millis)));
        } catch (MailboxException | RuntimeException e) {
            throw MaildropException.temporary("Cannot read the last login of " + session.getUser().asString(), e);
        }
    }

    @Override
    public void recordLogin(Instant when) throws MaildropException {
        try {
            mailboxManager.updateAnnotations(inbox.getMailboxPath(), session,
                List.of(MailboxAnnotation.newInstance(LAST_LOGIN, String.valueOf(when.toEpochMilli()))));
        } catch (MailboxException | RuntimeException e) {
            throw MaildropException.temporary("Cannot record the login of " + session.getUser().asString(), e);
        }
    }

    @Override
    public void close() {
        readAhead.clear();
        flushRetrievals();
        // a system session holds nothing to release; every call above already ended its processing request
        mailboxManager.endProcessingRequest(session);
    }

    /** The UID ends the unique-id, whichever form {@code james.uidl} gives it. */
    private static MessageUid uid(MaildropMessage message) {
        String uniqueId = message.uniqueId();
        return MessageUid.of(Long.parseLong(uniqueId.substring(uniqueId.lastIndexOf('-') + 1)));
    }
}
