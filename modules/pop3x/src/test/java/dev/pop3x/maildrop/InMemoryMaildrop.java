package dev.pop3x.maildrop;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A maildrop held in memory, for unit tests of code above the maildrop SPI. */
public final class InMemoryMaildrop implements Maildrop {
    private final Map<MaildropMessage, String> contents = new LinkedHashMap<>();
    private final List<MaildropMessage> expunged = new ArrayList<>();
    private final List<MaildropMessage> retrieved = new ArrayList<>();
    private final Map<MaildropMessage, String> savedUniqueIds = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private Optional<Instant> lastLogin = Optional.empty();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Adds a message whose unique-id is its position. */
    public InMemoryMaildrop with(String content) {
        return with(content, Instant.EPOCH);
    }

    /** Adds a message received at that time, whose unique-id is its position. */
    public InMemoryMaildrop with(String content, Instant received) {
        contents.put(new MaildropMessage(String.valueOf(contents.size() + 1), content.length(), received, Optional.empty()), content);
        return this;
    }

    /** Adds a message, as {@link #with}, that a client retrieved at {@code when}. */
    public InMemoryMaildrop withRetrieved(String content, Instant when) {
        contents.put(new MaildropMessage(String.valueOf(contents.size() + 1), content.length(), Instant.EPOCH, Optional.of(when)), content);
        return this;
    }

    /** The unique-ids saved, by message. */
    public Map<MaildropMessage, String> savedUniqueIds() {
        return Map.copyOf(savedUniqueIds);
    }

    @Override
    public List<MaildropMessage> messages() {
        return List.copyOf(contents.keySet());
    }

    @Override
    public InputStream content(MaildropMessage message) {
        return new ByteArrayInputStream(contents.get(message).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public InputStream headers(MaildropMessage message) {
        return content(message);
    }

    @Override
    public void markRetrieved(MaildropMessage message, Instant when) {
        retrieved.add(message);
    }

    @Override
    public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) {
        savedUniqueIds.putAll(uniqueIds);
    }

    @Override
    public void expunge(Collection<MaildropMessage> messages) {
        expunged.addAll(messages);
    }

    @Override
    public QuotaUsage quota() {
        return new QuotaUsage(contents.keySet().stream().mapToLong(MaildropMessage::octets).sum(), OptionalLong.empty(),
            contents.size(), OptionalLong.empty());
    }

    @Override
    public Optional<Instant> lastLogin() {
        return lastLogin;
    }

    @Override
    public void recordLogin(Instant when) {
        lastLogin = Optional.of(when);
    }

    /** Notes kept in memory: what a session reads at open and now are the same. */
    @Override
    public MaildropNotes notes() {
        return new TextNotes() {
            @Override
            protected Optional<String> textAtOpen(String name) {
                return textNow(name);
            }

            @Override
            protected Optional<String> textNow(String name) {
                synchronized (notes) {
                    return Optional.ofNullable(notes.get(name));
                }
            }

            @Override
            protected void save(String name, String text) {
                synchronized (notes) {
                    notes.put(name, text);
                }
            }
        };
    }

    /** A note's text as saved, for tests of its format. */
    public Optional<String> noteText(String name) {
        synchronized (notes) {
            return Optional.ofNullable(notes.get(name));
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }

    public List<MaildropMessage> expunged() {
        return expunged;
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Whether the maildrop is closed within the time: sessions close theirs off the event loop, a moment after they end. */
    public boolean awaitClosed(Duration within) throws InterruptedException {
        return closed.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }
}
