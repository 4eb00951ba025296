package dev.pop3x.stores;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import dev.pop3x.maildrop.ForwardingMaildrop;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropNotes;
import dev.pop3x.maildrop.NoteKind;
import dev.pop3x.maildrop.QuotaUsage;

/** A maildrop whose store calls are timed into {@link CallTimes}; a RETR's time includes reading the octets. */
final class TimedMaildrop extends ForwardingMaildrop {
    private final CallTimes times;

    TimedMaildrop(Maildrop maildrop, CallTimes times) {
        super(maildrop);
        this.times = times;
    }

    /** The message's octets, read through; what RETR costs the store. */
    long retrieve(MaildropMessage message) throws Exception {
        long start = System.nanoTime();
        long octets;
        try (InputStream in = delegate().content(message)) {
            octets = in.transferTo(OutputStream.nullOutputStream());
        }
        times.add("content", System.nanoTime() - start);
        return octets;
    }

    @Override
    public InputStream content(MaildropMessage message) throws MaildropException {
        long start = System.nanoTime();
        InputStream content = delegate().content(message);
        times.add("content", System.nanoTime() - start);
        return content;
    }

    @Override
    public void markRetrieved(MaildropMessage message, Instant when) throws MaildropException {
        long start = System.nanoTime();
        delegate().markRetrieved(message, when);
        times.add("markRetrieved", System.nanoTime() - start);
    }

    @Override
    public void expunge(Collection<MaildropMessage> messages) throws MaildropException {
        long start = System.nanoTime();
        delegate().expunge(messages);
        times.add("expunge", System.nanoTime() - start);
    }

    @Override
    public QuotaUsage quota() throws MaildropException {
        long start = System.nanoTime();
        QuotaUsage quota = delegate().quota();
        times.add("quota", System.nanoTime() - start);
        return quota;
    }

    @Override
    public MaildropNotes notes() {
        MaildropNotes notes = delegate().notes();
        return new MaildropNotes() {
            @Override
            public <T> Optional<T> read(NoteKind<T> kind) throws MaildropException {
                long start = System.nanoTime();
                Optional<T> note = notes.read(kind);
                times.add("note", System.nanoTime() - start);
                return note;
            }

            @Override
            public <T> T update(NoteKind<T> kind, Change<T> change) throws MaildropException {
                long start = System.nanoTime();
                T note = notes.update(kind, change);
                times.add("note update", System.nanoTime() - start);
                return note;
            }
        };
    }

    @Override
    public void close() {
        long start = System.nanoTime();
        delegate().close();
        times.add("close", System.nanoTime() - start);
    }
}
