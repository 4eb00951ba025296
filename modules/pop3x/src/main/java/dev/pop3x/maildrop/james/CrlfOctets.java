package dev.pop3x.maildrop.james;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MessageOctets;
import dev.pop3x.maildrop.StoreCalls;

/**
 * The sizes with CRLF line ends (what RETR sends) of an INBOX's messages, where they differ from what James
 * stored: mail that came with bare LF (an IMAP APPEND or a JMAP upload of a Unix file). James keeps no such size,
 * so each message is read once, the first time a session lists it, and the result kept in a private annotation of
 * the INBOX: {@code v=<uidvalidity> w=<uid> <uid>=<octets> ...}, the messages up to {@code w} measured and those
 * that differ listed. An annotation holds at most {@value #MAX_ANNOTATION} characters: when the exceptions do not
 * fit, the watermark stays below them and they are measured again at the next login, which costs time, never
 * accuracy. Mail delivered by SMTP or LMTP has CRLF line ends and adds no exception.
 */
final class CrlfOctets {
    private static final Logger LOGGER = LoggerFactory.getLogger(CrlfOctets.class);
    static final MailboxAnnotationKey KEY = new MailboxAnnotationKey("/private/vendor/pop3x/octets");
    static final int MAX_ANNOTATION = 1000;

    private final long uidValidity;
    private final long watermark;
    private final TreeMap<Long, Long> exceptions;

    private CrlfOctets(long uidValidity, long watermark, TreeMap<Long, Long> exceptions) {
        this.uidValidity = uidValidity;
        this.watermark = watermark;
        this.exceptions = exceptions;
    }

    /**
     * Takes what earlier sessions measured, then measures the messages above the watermark; the result is saved
     * when the session ends ({@link Measured}).
     *
     * @param highestUid the highest UID the session lists: nothing to measure when the watermark has reached it
     * @param stored the annotation {@link #KEY} as the login read it with the INBOX's other pop3x annotations
     * @param kept where the contents of the small messages measured are left, by UID, for the session to send them
     *             without reading them again (the messages a client that polls retrieves next)
     */
    static Measured exceptions(MailboxManager mailboxManager, MessageManager inbox, MailboxSession session, long uidValidity,
                               long highestUid, Optional<String> stored, Map<Long, byte[]> kept, StoreCalls calls)
        throws MailboxException {
        CrlfOctets known = parse(stored, inbox, uidValidity);
        if (known.watermark >= highestUid) {
            return new Measured(known, false);
        }
        calls.count(StoreCalls.Kind.MAILBOX_READ);
        CrlfOctets updated = known.measureAbove(inbox, session, kept);
        return new Measured(updated, updated.watermark != known.watermark || !updated.exceptions.equals(known.exceptions));
    }

    /**
     * The sizes a login listed with, and whether it measured what the annotation does not hold yet: then the
     * annotation is saved once the session is over ({@link #saveIfNew}), off the login's path (a write, a round trip
     * on Cassandra or PostgreSQL, that no reply waits for). A session that never gets there (a crash) only leaves
     * the messages to be measured again.
     */
    static final class Measured {
        private final CrlfOctets octets;
        private final boolean unsaved;

        private Measured(CrlfOctets octets, boolean unsaved) {
            this.octets = octets;
            this.unsaved = unsaved;
        }

        Map<Long, Long> exceptions() {
            return octets.exceptions;
        }

        void saveIfNew(MailboxManager mailboxManager, MessageManager inbox, MailboxSession session, StoreCalls calls) {
            if (unsaved) {
                calls.count(StoreCalls.Kind.ANNOTATION_WRITE);
                octets.save(mailboxManager, inbox, session);
            }
        }
    }

    private static CrlfOctets parse(Optional<String> value, MessageManager inbox, long uidValidity) {
        CrlfOctets empty = new CrlfOctets(uidValidity, 0, new TreeMap<>());
        if (value.isEmpty()) {
            return empty;
        }
        try {
            long storedValidity = -1;
            long watermark = 0;
            TreeMap<Long, Long> exceptions = new TreeMap<>();
            for (String field : value.get().trim().split(" ")) {
                int equals = field.indexOf('=');
                String name = field.substring(0, equals);
                long number = Long.parseLong(field.substring(equals + 1));
                if (name.equals("v")) {
                    storedValidity = number;
                } else if (name.equals("w")) {
                    watermark = number;
                } else {
                    exceptions.put(Long.parseLong(name), number);
                }
            }
            // an INBOX created again starts its UIDs anew: what was measured belongs to the old one
            return storedValidity == uidValidity ? new CrlfOctets(uidValidity, watermark, exceptions) : empty;
        } catch (RuntimeException e) {
            LOGGER.warn("Ignoring corrupt annotation {} of {}: '{}'", KEY.asString(), inbox.getMailboxPath().asString(), value.get());
            return empty;
        }
    }

    private CrlfOctets measureAbove(MessageManager inbox, MailboxSession session, Map<Long, byte[]> kept) throws MailboxException {
        TreeMap<Long, Long> measured = new TreeMap<>(exceptions);
        long newWatermark = watermark;
        boolean full = false;
        Iterator<MessageResult> newer = inbox.getMessages(MessageRange.from(MessageUid.of(watermark + 1)), FetchGroup.FULL_CONTENT, session);
        while (newer.hasNext()) {
            MessageResult result = newer.next();
            long uid = result.getUid().asLong();
            long octets;
            try (InputStream content = result.getFullContent().getInputStream()) {
                if (ReadAhead.worthKeeping(kept, result.getSize())) {
                    byte[] whole = content.readAllBytes();
                    kept.put(uid, whole);
                    octets = MessageOctets.withCrlfLineEnds(whole);
                } else {
                    octets = MessageOctets.withCrlfLineEnds(content);
                }
            } catch (IOException e) {
                throw new MailboxException("Cannot measure message " + uid, e);
            }
            if (octets != result.getSize()) {
                measured.put(uid, octets);
                full = full || describe(uidValidity, uid, measured).length() > MAX_ANNOTATION;
            }
            if (!full) {
                newWatermark = uid;
            }
        }
        return new CrlfOctets(uidValidity, newWatermark, measured);
    }

    private void save(MailboxManager mailboxManager, MessageManager inbox, MailboxSession session) {
        TreeMap<Long, Long> kept = new TreeMap<>(exceptions.headMap(watermark, true));
        try {
            mailboxManager.updateAnnotations(inbox.getMailboxPath(), session,
                List.of(MailboxAnnotation.newInstance(KEY, describe(uidValidity, watermark, kept))));
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot save the measured sizes of {}; they will be measured again", inbox.getMailboxPath().asString(), e);
        }
    }

    private static String describe(long uidValidity, long watermark, Map<Long, Long> exceptions) {
        StringBuilder text = new StringBuilder("v=").append(uidValidity).append(" w=").append(watermark);
        exceptions.forEach((uid, octets) -> text.append(' ').append(uid).append('=').append(octets));
        return text.toString();
    }
}
