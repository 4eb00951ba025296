package dev.pop3x.maildrop;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A maildrop that hands every call to another: the base of the views a session sees (the quota notice in front,
 * a device's view) and of what watches a session (the sweep ledger's), each overriding only what it changes.
 */
public abstract class ForwardingMaildrop implements Maildrop {
    private final Maildrop maildrop;

    protected ForwardingMaildrop(Maildrop maildrop) {
        this.maildrop = maildrop;
    }

    /** The maildrop calls go to. */
    protected final Maildrop delegate() {
        return maildrop;
    }

    @Override
    public List<MaildropMessage> messages() {
        return maildrop.messages();
    }

    @Override
    public InputStream content(MaildropMessage message) throws MaildropException {
        return maildrop.content(message);
    }

    @Override
    public InputStream headers(MaildropMessage message) throws MaildropException {
        return maildrop.headers(message);
    }

    @Override
    public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
        maildrop.markRetrieved(message, when);
    }

    @Override
    public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
        maildrop.saveUniqueIds(uniqueIds);
    }

    @Override
    public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
        maildrop.expunge(messages);
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
    public MaildropNotes notes() {
        return maildrop.notes();
    }

    @Override
    public void close() {
        maildrop.close();
    }
}
