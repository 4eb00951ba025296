package dev.pop3x.policy;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.QuotaUsage;

/** Maildrops in memory that count how often they are opened: the store reads of a sweep. */
final class CountingMaildrops implements MaildropStore {
    private final Map<Username, List<MaildropMessage>> maildrops = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    /** Gives the user one message, retrieved then or never. */
    void deliver(Username user, Optional<Instant> retrieved) {
        List<MaildropMessage> messages = maildrops.computeIfAbsent(user, any -> new ArrayList<>());
        synchronized (messages) {
            messages.add(new MaildropMessage(user.asString() + "-" + messages.size(), 100, Instant.EPOCH, retrieved));
        }
    }

    int messages(Username user) {
        List<MaildropMessage> messages = maildrops.getOrDefault(user, List.of());
        synchronized (messages) {
            return messages.size();
        }
    }

    int opened() {
        return opened.get();
    }

    @Override
    public Maildrop open(Username user) {
        opened.incrementAndGet();
        List<MaildropMessage> messages = maildrops.computeIfAbsent(user, any -> new ArrayList<>());
        return new Maildrop() {
            @Override
            public List<MaildropMessage> messages() {
                synchronized (messages) {
                    return List.copyOf(messages);
                }
            }

            @Override
            public InputStream content(MaildropMessage message) {
                return InputStream.nullInputStream();
            }

            @Override
            public InputStream headers(MaildropMessage message) {
                return InputStream.nullInputStream();
            }

            @Override
            public void markRetrieved(MaildropMessage message, Instant when) {
                throw new UnsupportedOperationException("the policy retrieves nothing");
            }

            @Override
            public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) {
                throw new UnsupportedOperationException("the policy names nothing");
            }

            @Override
            public void expunge(Collection<MaildropMessage> gone) {
                synchronized (messages) {
                    messages.removeAll(gone);
                }
            }

            @Override
            public QuotaUsage quota() {
                return new QuotaUsage(0, OptionalLong.empty(), 0, OptionalLong.empty());
            }

            @Override
            public Optional<Instant> lastLogin() {
                return Optional.empty();
            }

            @Override
            public void recordLogin(Instant when) {
                throw new UnsupportedOperationException("the policy logs nobody in");
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
