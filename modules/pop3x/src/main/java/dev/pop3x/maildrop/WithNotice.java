package dev.pop3x.maildrop;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.common.collect.ImmutableList;

/**
 * A maildrop with one generated message in front of its own (the quota notice): listed first, readable, but never
 * stored, never marked, and expunging it does nothing.
 */
public final class WithNotice extends ForwardingMaildrop {
    private final MaildropMessage notice;
    private final byte[] content;
    private final List<MaildropMessage> messages;

    public WithNotice(Maildrop maildrop, MaildropMessage notice, byte[] content) {
        super(maildrop);
        this.notice = notice;
        this.content = content.clone();
        this.messages = ImmutableList.<MaildropMessage>builder().add(notice).addAll(maildrop.messages()).build();
    }

    @Override
    public List<MaildropMessage> messages() {
        return messages;
    }

    @Override
    public InputStream content(MaildropMessage message) throws MaildropException {
        return message.equals(notice) ? new ByteArrayInputStream(content) : delegate().content(message);
    }

    @Override
    public InputStream headers(MaildropMessage message) throws MaildropException {
        return message.equals(notice) ? new ByteArrayInputStream(content) : delegate().headers(message);
    }

    @Override
    public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
        if (!message.equals(notice)) {
            delegate().markRetrieved(message, when);
        }
    }

    @Override
    public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
        Map<MaildropMessage, String> stored = new LinkedHashMap<>(uniqueIds);
        stored.remove(notice);
        delegate().saveUniqueIds(stored);
    }

    @Override
    public void expunge(Collection<MaildropMessage> expunged) throws MaildropException {
        delegate().expunge(expunged.stream().filter(message -> !message.equals(notice)).collect(Collectors.toList()));
    }
}
