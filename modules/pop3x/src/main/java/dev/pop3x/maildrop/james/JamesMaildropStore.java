package dev.pop3x.maildrop.james;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import dev.pop3x.config.InvalidSettingException;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.TextNotes;
import reactor.core.publisher.Mono;

/**
 * Maildrops in James's own mailboxes: each user's INBOX through James's {@link MailboxManager}, so it works on
 * whatever James stores mail in (memory, JPA, Cassandra). By default the unique-ids are James's stock POP3 ones
 * (the IMAP UID), so clients that leave mail on the server do not download it again when pop3x is installed; the
 * sizes are what RETR sends ({@link CrlfOctets}). The listing is kept in two arrays, not an object per message.
 */
public final class JamesMaildropStore implements MaildropStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesMaildropStore.class);

    /** Listings of recent logins, at most about this many messages in all (40 octets each). */
    private static final long LISTED_MESSAGES = 1_000_000;
    /** An INBOX with fewer messages is listed at each login, not kept (see {@link #open}). */
    static final int LISTED_AT_ONCE = 500;

    private final Cache<MailboxId, ListingSnapshot> listings = CacheBuilder.newBuilder()
        .maximumWeight(LISTED_MESSAGES)
        .weigher((MailboxId id, ListingSnapshot snapshot) -> snapshot.listing == null ? 1 : snapshot.listing.size() + 1)
        .build();
    private final MailboxManager mailboxManager;
    private final JamesQuotas quotas;
    private final JamesBackendSettings settings;
    private final JamesNotes notes;
    private final StoreCalls calls;

    @Inject
    public JamesMaildropStore(@Named("mailboxmanager") MailboxManager mailboxManager, JamesQuotas quotas, JamesBackendSettings settings,
                              JamesNotes notes, StoreCalls calls) {
        if (settings.uidl() == JamesBackendSettings.UidlForm.MESSAGE_ID
            && !mailboxManager.getSupportedMessageCapabilities().contains(MailboxManager.MessageCapabilities.UniqueID)) {
            throw new InvalidSettingException(JamesBackendSettings.UIDL.key(), "'" + JamesBackendSettings.UIDL.key()
                + "=message-id' needs mailboxes with message ids (James's memory, Cassandra and distributed mailboxes); "
                + "these (" + mailboxManager.getClass().getSimpleName() + ") have none");
        }
        this.mailboxManager = mailboxManager;
        this.quotas = quotas;
        this.settings = settings;
        this.notes = notes;
        this.calls = calls;
    }

    private CompactListing newListing(long uidValidity) {
        switch (settings.uidl()) {
            case MESSAGE_ID:
                return CompactListing.byMessageId();
            case UIDVALIDITY_UID:
                return CompactListing.byUid(uidValidity + "-");
            default:
                return CompactListing.byUid("");
        }
    }

    /** The INBOX's messages, their octets as RETR sends them, and their retrievals. */
    private Listed list(MessageManager mailbox, MailboxSession session, long uidValidity, TextNotes inboxNotes,
                        Map<String, String> annotations, Map<Long, byte[]> measured) throws MailboxException, MaildropException {
        CompactListing listing = newListing(uidValidity);
        Map<String, Optional<Instant>> retrievalDays = new HashMap<>();
        calls.count(StoreCalls.Kind.MAILBOX_READ);
        for (Iterator<MessageResult> results = mailbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session); results.hasNext(); ) {
            MessageResult result = results.next();
            String messageId = settings.uidl() == JamesBackendSettings.UidlForm.MESSAGE_ID ? result.getMessageId().serialize() : null;
            // made anew at each call on James's memory store, user flags copied
            Flags flags = result.getFlags();
            listing.add(result.getUid().asLong(), messageId, result.getSize(), result.getInternalDate().toInstant(),
                RetrievalKeyword.retrieved(flags, retrievalDays), flags.contains(Flags.Flag.SEEN));
        }
        listing.complete();
        listing.imported(inboxNotes.read(ImportedUidls.KIND).map(imported -> imported.forInbox(uidValidity, mailbox.getMailboxPath()))
            .orElse(Map.of()));
        if (!settings.exactOctets()) {
            return new Listed(listing, Optional.empty());
        }
        CrlfOctets.Measured octets = CrlfOctets.exceptions(mailboxManager, mailbox, session, uidValidity, listing.highestUid(),
            Optional.ofNullable(annotations.get(CrlfOctets.KEY.asString())), measured, calls);
        listing.correct(octets.exceptions());
        return new Listed(listing, Optional.of(octets));
    }

    /** A listing, and the octets measured for it when {@code james.exact-octets} is on. */
    private static final class Listed {
        private final CompactListing listing;
        private final Optional<CrlfOctets.Measured> octets;

        Listed(CompactListing listing, Optional<CrlfOctets.Measured> octets) {
            this.listing = listing;
            this.octets = octets;
        }
    }

    /**
     * Opens the INBOX and lists it. A small INBOX (its last listing here had fewer than {@value #LISTED_AT_ONCE}
     * messages, or its count says so) is listed at each login: one read of its messages and one of pop3x's
     * annotations. A larger one is listed again only when its state moved since the listing this node keeps
     * ({@link ListingKey}: the count, then the next UID and mod-sequence, and the annotations), three reads where
     * listing 10,000 messages costs far more.
     */
    @Override
    public Maildrop open(Username user) throws MaildropException {
        MailboxSession session = mailboxManager.createSystemSession(user);
        return MailboxCalls.inRequest(mailboxManager, session, "open the INBOX", () -> {
            MessageManager mailbox = inbox(mailboxManager, session, calls);
            MailboxPath inbox = mailbox.getMailboxPath();
            // every pop3x annotation in one call: the notes, the imported unique-ids' reference, the measured octets, the last login
            calls.count(StoreCalls.Kind.ANNOTATION_READ);
            Map<String, String> annotations = notes.annotations(mailbox, session);
            TextNotes inboxNotes = notes.of(mailboxManager, inbox, session, annotations);
            // the contents of new messages that the listing measures, kept for RETR
            Map<Long, byte[]> measured = new HashMap<>();
            ListingSnapshot snapshot = listings.getIfPresent(mailbox.getId());
            boolean small = snapshot == null ? count(mailbox, session, calls) < LISTED_AT_ONCE : snapshot.key == null;
            CompactListing listing;
            Optional<CrlfOctets.Measured> octets = Optional.empty();
            long uidValidity;
            if (small) {
                uidValidity = mailbox.getMailboxEntity().getUidValidity().asLong();
                Listed listed = list(mailbox, session, uidValidity, inboxNotes, annotations, measured);
                listing = listed.listing;
                octets = listed.octets;
                if (listing.size() < LISTED_AT_ONCE) {
                    listings.put(mailbox.getId(), ListingSnapshot.LISTED_AT_ONCE);
                } else {
                    // it grew: the next login reads its state first
                    listings.invalidate(mailbox.getId());
                }
            } else {
                ListingKey key = keyOf(mailbox, session, annotations);
                uidValidity = key.uidValidity;
                if (snapshot != null && key.equals(snapshot.key)) {
                    listing = snapshot.listing.copy();
                } else {
                    Listed listed = list(mailbox, session, uidValidity, inboxNotes, annotations, measured);
                    listing = listed.listing;
                    octets = listed.octets;
                    if (listing.size() == key.count && key.equals(keyOf(mailbox, session, annotations))) {
                        listings.put(mailbox.getId(), new ListingSnapshot(key, listing.copy()));
                    }
                }
            }
            return new JamesMaildrop(mailboxManager, quotas, session, mailbox, listing, measured, octets, uidValidity, inboxNotes,
                annotations, calls);
        });
    }

    /**
     * The user's INBOX, created if the user has none yet. The first delivery may create it at the same moment, between
     * the check and the creation: then it exists, which is all a login needs (found by PopFuzzIT, as {@code [SYS/TEMP]}).
     */
    static MessageManager inbox(MailboxManager mailboxManager, MailboxSession session, StoreCalls calls) throws MailboxException {
        MailboxPath inbox = MailboxPath.inbox(session);
        try {
            calls.count(StoreCalls.Kind.MAILBOX_READ);
            return mailboxManager.getMailbox(inbox, session);
        } catch (MailboxNotFoundException e) {
            calls.count(StoreCalls.Kind.MAILBOX_WRITE);
            provisionInbox(mailboxManager, inbox, session);
            return mailboxManager.getMailbox(inbox, session);
        }
    }

    /** Creates the INBOX of a user who has none yet (see {@link #inbox}). */
    static void provisionInbox(MailboxManager mailboxManager, MailboxPath inbox, MailboxSession session) throws MailboxException {
        if (Mono.from(mailboxManager.mailboxExists(inbox, session)).blockOptional().orElse(false)) {
            return;
        }
        try {
            LOGGER.info("Provisioning INBOX of {}: {}", inbox.getUser().asString(), mailboxManager.createMailbox(inbox, session));
        } catch (MailboxExistsException e) {
            LOGGER.info("INBOX of {} created meanwhile, by a delivery", inbox.getUser().asString());
        }
    }

    private static long count(MessageManager mailbox, MailboxSession session, StoreCalls calls) throws MailboxException {
        calls.count(StoreCalls.Kind.MAILBOX_READ);
        return mailbox.getMetaData(MessageManager.MailboxMetaData.RecentMode.IGNORE, session,
            EnumSet.of(MessageManager.MailboxMetaData.Item.MailboxCounters)).getMessageCount();
    }

    /**
     * The INBOX's state as its metadata tells it. The items are not read atomically, so the count is read first, on
     * its own, and the next UID and highest mod-sequence after it: an append allocates its UID before it is counted,
     * so a key read across an append in flight has a next UID no earlier state had, and never names an earlier
     * state's listing (read in James's order, next UID first, a key read across a whole append once equalled the state
     * before an expunge and that append: LoadIT saw a login list a message expunged the moment before). A listing is
     * cached only when the key read before it equals the key read after it and agrees with it on the count.
     */
    private ListingKey keyOf(MessageManager mailbox, MailboxSession session, Map<String, String> annotations) throws MailboxException {
        long count = count(mailbox, session, calls);
        calls.count(StoreCalls.Kind.MAILBOX_READ);
        MessageManager.MailboxMetaData metaData = mailbox.getMetaData(MessageManager.MailboxMetaData.RecentMode.IGNORE, session,
            EnumSet.of(MessageManager.MailboxMetaData.Item.HighestModSeq, MessageManager.MailboxMetaData.Item.NextUid));
        return new ListingKey(metaData.getUidValidity().asLong(), metaData.getUidNext().asLong(),
            metaData.getHighestModSeq().asLong(), count, JamesNotes.blobOf(annotations, ImportedUidls.KIND.name()).orElse(""),
            settings);
    }

    /**
     * What identifies a state of an INBOX: any append moves its next UID, any flag change its highest mod-sequence,
     * any expunge its count. A listing made in that state serves the next logins until one of them moves.
     */
    private static final class ListingKey {
        private final long uidValidity;
        private final long uidNext;
        private final long highestModSeq;
        private final long count;
        /** The imported unique-ids' blob, as the login read it: an import moves no mod-sequence. */
        private final String imported;
        private final JamesBackendSettings settings;

        ListingKey(long uidValidity, long uidNext, long highestModSeq, long count, String imported, JamesBackendSettings settings) {
            this.imported = imported;
            this.uidValidity = uidValidity;
            this.uidNext = uidNext;
            this.highestModSeq = highestModSeq;
            this.count = count;
            this.settings = settings;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof ListingKey)) {
                return false;
            }
            ListingKey that = (ListingKey) o;
            return uidValidity == that.uidValidity && uidNext == that.uidNext && highestModSeq == that.highestModSeq
                && count == that.count && imported.equals(that.imported) && settings == that.settings;
        }

        @Override
        public int hashCode() {
            return Objects.hash(uidValidity, uidNext, highestModSeq, count);
        }
    }

    /** A listing this node keeps, or (no key) the mark of an INBOX small enough to be listed at once. */
    private static final class ListingSnapshot {
        static final ListingSnapshot LISTED_AT_ONCE = new ListingSnapshot(null, null);

        private final ListingKey key;
        private final CompactListing listing;

        ListingSnapshot(ListingKey key, CompactListing listing) {
            this.key = key;
            this.listing = listing;
        }
    }
}
