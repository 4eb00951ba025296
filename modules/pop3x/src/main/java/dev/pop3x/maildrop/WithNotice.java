package dev.pop3x.maildrop;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.common.collect.ImmutableList;

/**
 * A maildrop with one generated message in front of its own (the quota notice): listed first, readable, but never
 * stored, never marked, and expunging it does nothing.
 */
public final class WithNotice implements Maildrop {
    private final Maildrop maildrop;
    private final MaildropMessage notice;
    private final byte[] content;
    private final List<MaildropMessage> messages;

    public WithNotice(Maildrop maildrop, MaildropMessage notice, byte[] content) {
        this.maildrop = maildrop;
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
        return message.equals(notice) ? new ByteArrayInputStream(content) : maildrop.content(message);
    }

    @Override
    public InputStream headers(MaildropMessage message) throws MaildropException {
        return message.equals(notice) ? new ByteArrayInputStream(content) : maildrop.headers(message);
    }

    @Override
    public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
        if (!message.equals(notice)) {
            maildrop.markRetrieved(message, when);
        }
    }

    @Override
    public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
        Map<MaildropMessage, String> stored = new LinkedHashMap<>(uniqueIds);
        stored.remove(notice);
        maildrop.saveUniqueIds(stored);
    }

    @Override
    public void expunge(Collection<MaildropMessage> expunged) throws MaildropException {
        maildrop.expunge(expunged.stream().filter(message -> !message.equals(notice)).collect(Collectors.toList()));
    }

    @Override
    public QuotaUsage quota() throws MaildropException {
        return maildrop.quota();
    }

    @Override
    public Optional<Instant> lastLogin() throws MaildropException {
        return maildrop.lastLogin();
    }

    @Override
    public void recordLogin(Instant when) throws MaildropException {
        maildrop.recordLogin(when);
    }

    @Override
    public Optional<String> note(String name) throws MaildropException {
        return maildrop.note(name);
    }

    @Override
    public void saveNote(String name, String content) throws MaildropException {
        maildrop.saveNote(name, content);
    }

    @Override
    public Set<String> noteNames() throws MaildropException {
        return maildrop.noteNames();
    }

    @Override
    public void deleteNote(String name) throws MaildropException {
        maildrop.deleteNote(name);
    }

    @Override
    public void close() {
        maildrop.close();
    }
}
