package dev.pop3x.maildrop;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A maildrop whose messages that carry an {@code X-UIDL} header field are listed with its value as their unique-id
 * ({@code maildrop.reuse-xuidl}, Dovecot's {@code pop3_reuse_xuidl}): mail a previous POP3 server or a fetching tool
 * marked so keeps the unique-id clients remember. A value that is no RFC 1939 unique-id is ignored; so is one that
 * another message of the maildrop already answers (the first message in POP3's order carrying it keeps it), since two
 * messages must never answer one unique-id. The header sections are read when the maildrop is opened.
 */
final class XUidlMaildrop extends ForwardingMaildrop {
    private static final Logger LOGGER = LoggerFactory.getLogger(XUidlMaildrop.class);

    /** By the backend's unique-id: the one the message is listed with. */
    private final Map<String, String> listedIds;
    /** By the listed unique-id: the message's position in the backend's listing. */
    private final Map<String, Integer> positions;

    private XUidlMaildrop(Maildrop maildrop, Map<String, String> listedIds, Map<String, Integer> positions) {
        super(maildrop);
        this.listedIds = listedIds;
        this.positions = positions;
    }

    /** Reads the X-UIDL field of each message of the maildrop; the maildrop is closed if that fails. */
    static Maildrop over(Maildrop maildrop) throws MaildropException {
        try {
            List<MaildropMessage> messages = maildrop.messages();
            Map<Integer, String> found = new LinkedHashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                try (InputStream headers = maildrop.headers(messages.get(i))) {
                    int position = i;
                    read(headers).ifPresent(uidl -> found.put(position, uidl));
                } catch (IOException e) {
                    throw MaildropException.temporary("reading the X-UIDL header field of " + messages.get(i).uniqueId(), e);
                }
            }
            Map<Integer, String> taken = unique(messages, found);
            Map<String, String> listedIds = new HashMap<>();
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                String own = messages.get(i).uniqueId();
                String listed = taken.getOrDefault(i, own);
                listedIds.put(own, listed);
                positions.put(listed, i);
            }
            return new XUidlMaildrop(maildrop, listedIds, positions);
        } catch (MaildropException | RuntimeException e) {
            maildrop.close();
            throw e;
        }
    }

    /**
     * The X-UIDLs the messages may take: the first message carrying a value takes it, and a value another message
     * keeps answering (its own unique-id, having taken none) is left to that message, until no two answer one.
     */
    private static Map<Integer, String> unique(List<MaildropMessage> messages, Map<Integer, String> found) {
        Map<Integer, String> taken = new LinkedHashMap<>();
        Set<String> values = new HashSet<>();
        found.forEach((position, uidl) -> {
            if (values.add(uidl)) {
                taken.put(position, uidl);
            }
        });
        boolean settled = false;
        while (!settled) {
            Set<String> kept = new HashSet<>();
            for (int i = 0; i < messages.size(); i++) {
                if (!taken.containsKey(i)) {
                    kept.add(messages.get(i).uniqueId());
                }
            }
            settled = !taken.entrySet().removeIf(entry -> kept.contains(entry.getValue())
                && !messages.get(entry.getKey()).uniqueId().equals(entry.getValue()));
        }
        if (taken.size() < found.size()) {
            LOGGER.info("{} of {} X-UIDL header fields were left out: another message answers the same unique-id",
                found.size() - taken.size(), found.size());
        }
        return taken;
    }

    /** The first X-UIDL field of the header section, unfolded and trimmed, when it is an RFC 1939 unique-id. */
    static Optional<String> read(InputStream headers) throws IOException {
        return HeaderFields.first(headers, "X-UIDL").map(String::trim).filter(MaildropMessage::isUniqueId);
    }

    private MaildropMessage listed(MaildropMessage message) {
        String listed = listedIds.get(message.uniqueId());
        return listed == null || listed.equals(message.uniqueId()) ? message
            : new MaildropMessage(listed, message.octets(), message.storedOctets(), message.received(), message.retrieved());
    }

    /** The backend's message of a listed one. */
    private MaildropMessage own(MaildropMessage message) {
        Integer position = positions.get(message.uniqueId());
        if (position == null) {
            throw new IllegalArgumentException("No message " + message.uniqueId() + " in this maildrop");
        }
        return delegate().messages().get(position);
    }

    private Collection<MaildropMessage> own(Collection<MaildropMessage> messages) {
        return messages.stream().map(this::own).collect(Collectors.toList());
    }

    @Override
    public List<MaildropMessage> messages() {
        List<MaildropMessage> messages = delegate().messages();
        List<MaildropMessage> listed = new ArrayList<>(messages.size());
        for (MaildropMessage message : messages) {
            listed.add(listed(message));
        }
        return listed;
    }

    @Override
    public InputStream content(MaildropMessage message) throws MaildropException {
        return delegate().content(own(message));
    }

    @Override
    public InputStream headers(MaildropMessage message) throws MaildropException {
        return delegate().headers(own(message));
    }

    @Override
    public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
        delegate().markRetrieved(own(message), when);
    }

    @Override
    public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
        Map<MaildropMessage, String> own = new LinkedHashMap<>();
        uniqueIds.forEach((message, uniqueId) -> own.put(own(message), uniqueId));
        delegate().saveUniqueIds(own);
    }

    @Override
    public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
        delegate().expunge(own(messages));
    }
}
