package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropNotes;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.QuotaLimits;
import dev.pop3x.maildrop.QuotaUsage;
import dev.pop3x.maildrop.StoreCalls;

/** A user's Maildir as one POP3 session sees it. */
final class MaildirMaildrop implements Maildrop {
    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirMaildrop.class);

    private final Username user;
    private final Maildir maildir;
    private final MaildirQuota quota;
    private final RetrievalLedger ledger;
    private final List<MaildropMessage> messages;
    private final Map<MaildropMessage, MaildirFile> files;
    private Map<MaildropMessage, Integer> positions;
    private final Map<String, Instant> toRecord = new LinkedHashMap<>();
    private final Set<MaildropMessage> toFlagSeen = new LinkedHashSet<>();
    private final MaildirNotes notes;
    private final QuotaLimitSource limits;

    /** @param limits James's quota limits, which bind Maildir users too: written into {@code maildirsize} as it is read */
    MaildirMaildrop(Username user, Maildir maildir, RetrievalLedger ledger, List<MaildropMessage> messages,
                    Map<MaildropMessage, MaildirFile> files, QuotaLimitSource limits) {
        this.user = user;
        this.limits = limits;
        this.maildir = maildir;
        this.quota = new MaildirQuota(maildir);
        this.ledger = ledger;
        this.messages = new ArrayList<>(messages);
        this.files = files;
        this.notes = new MaildirNotes(maildir);
    }

    @Override
    public List<MaildropMessage> messages() {
        return Collections.unmodifiableList(messages);
    }

    @Override
    public InputStream content(MaildropMessage message) throws MaildropException {
        MaildirFile file = fileOf(message);
        Optional<InputStream> content;
        try {
            // not through onDisk: RETR reads every message here, and the description is only needed for a failure
            content = open(message, file);
        } catch (IOException e) {
            throw failed("read " + file, e);
        }
        return content.orElseThrow(() -> MaildropException.temporary(file + " was deleted during the session of " + user.asString(), null));
    }

    private Optional<InputStream> open(MaildropMessage message, MaildirFile file) throws IOException {
        try {
            return Optional.of(maildir.open(file));
        } catch (NoSuchFileException moved) {
            return reopen(message, file);
        }
    }

    /** Another program renamed the file (new flags) or deleted it (empty) since the session listed it. */
    private Optional<InputStream> reopen(MaildropMessage message, MaildirFile listed) throws IOException {
        Optional<MaildirFile> current = maildir.find(listed.name().base());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        files.put(message, current.get());
        return Optional.of(maildir.open(current.get()));
    }

    /** Maildir keeps no headers apart: the whole file, which TOP reads only up to what it needs. */
    @Override
    public InputStream headers(MaildropMessage message) throws MaildropException {
        return content(message);
    }

    /**
     * The {@code S} flag Dovecot reads, and the first time a line in the {@link RetrievalLedger}. Updates the listing
     * at once; the ledger line and the {@code S} flag (a rename into cur/) are written for the
     * whole session when it ends ({@link #close}), as Dovecot writes its flag changes: one write instead of two file
     * operations per message. A crash loses them, which only makes the messages look unretrieved: the policy keeps them.
     */
    @Override
    public void markRetrieved(MaildropMessage message, Instant when) {
        MaildirFile file = fileOf(message);
        if (!file.name().hasFlag('S')) {
            toFlagSeen.add(message);
        }
        int position = positionOf(message);
        if (messages.get(position).retrieved().isEmpty()) {
            Instant recorded = when.truncatedTo(ChronoUnit.SECONDS);
            messages.set(position, messages.get(position).retrievedAt(recorded));
            toRecord.put(file.name().base(), recorded);
        }
    }

    /** Writes the session's retrievals: the ledger lines in one append, then the {@code S} flags. */
    private void flushRetrievals() {
        try {
            ledger.recordAll(toRecord);
            toRecord.clear();
        } catch (IOException e) {
            LOGGER.warn("Cannot record {} retrievals of {} in {}", toRecord.size(), user.asString(), maildir.root(), e);
        }
        for (MaildropMessage message : toFlagSeen) {
            try {
                maildir.addFlag(fileOf(message), 'S').ifPresent(flagged -> files.put(message, flagged));
            } catch (IOException e) {
                LOGGER.warn("Cannot flag {} of {} seen", message.uniqueId(), user.asString(), e);
            }
        }
        toFlagSeen.clear();
    }

    private int positionOf(MaildropMessage message) {
        if (positions == null) {
            positions = new HashMap<>();
            for (int i = 0; i < messages.size(); i++) {
                positions.put(messages.get(i), i);
            }
        }
        return positions.get(message);
    }

    /** Written to {@link SavedUidls} at once, for the sessions that start after this one. */
    @Override
    public void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException {
        onDisk("save imported unique-ids", () -> {
            Map<String, String> added = new LinkedHashMap<>();
            uniqueIds.forEach((message, uniqueId) -> added.put(fileOf(message).name().base(), uniqueId));
            Set<String> present = files.values().stream().map(file -> file.name().base()).collect(Collectors.toSet());
            SavedUidls.load(maildir).save(maildir, added, present);
            return null;
        });
    }

    @Override
    public void expunge(Collection<MaildropMessage> expunged) throws MaildropException {
        long[] octets = {0};
        int[] count = {0};
        try {
            onDisk("delete messages", () -> {
                for (MaildropMessage message : expunged) {
                    toFlagSeen.remove(message);
                    toRecord.remove(fileOf(message).name().base());
                    Optional<Long> size = maildir.delete(fileOf(message));
                    if (size.isPresent()) {
                        octets[0] += size.get();
                        count[0]++;
                    } else {
                        LOGGER.info("{} of {} was already deleted by another program", message.uniqueId(), user.asString());
                    }
                }
                return null;
            });
        } finally {
            updateQuota(-octets[0], -count[0]);
        }
    }

    private void updateQuota(long octets, int count) {
        if (count == 0) {
            return;
        }
        try {
            quota.add(octets, count);
        } catch (IOException e) {
            LOGGER.warn("Cannot update {} of {}; it will be counted again when it grows", MaildirQuota.FILE, maildir.root(), e);
        }
    }

    /**
     * The Maildir++ quota of {@code maildirsize}, with the limits James's quota settings give the user written in
     * first (as a delivery writes them): only what reads the quota (the deletion policy, the quota notice) pays for
     * reading James's limits, not every login. Without {@code maildirsize}, the listing's totals and no limit.
     */
    @Override
    public QuotaUsage quota() throws MaildropException {
        maildir.counted(StoreCalls.Kind.QUOTA_READ);
        Optional<QuotaLimits> userLimits = limits.limitsOf(user);
        return onDisk("read " + MaildirQuota.FILE, () -> {
            quota.applyLimits(userLimits);
            return quota.read().orElseGet(() -> new QuotaUsage(
                messages.stream().mapToLong(MaildropMessage::octets).sum(), OptionalLong.empty(), messages.size(), OptionalLong.empty()));
        });
    }

    @Override
    public Optional<Instant> lastLogin() throws MaildropException {
        return onDisk("read the last login", maildir::lastLogin);
    }

    @Override
    public void recordLogin(Instant when) throws MaildropException {
        onDisk("record the login", () -> {
            maildir.recordLogin(when);
            return null;
        });
    }

    @Override
    public MaildropNotes notes() {
        return notes;
    }

    /** A file operation, its failure turned into a temporary {@link MaildropException} that says what failed. */
    private <T> T onDisk(String what, FileCall<T> call) throws MaildropException {
        try {
            return call.run();
        } catch (IOException e) {
            throw failed(what, e);
        }
    }

    private MaildropException failed(String what, IOException e) {
        return MaildropException.temporary("Cannot " + what + " of " + user.asString() + " in " + maildir.root(), e);
    }

    @FunctionalInterface
    private interface FileCall<T> {
        T run() throws IOException;
    }

    @Override
    public void close() {
        // nothing is held open between commands; what the session retrieved is written now
        flushRetrievals();
    }

    private MaildirFile fileOf(MaildropMessage message) {
        MaildirFile file = files.get(message);
        if (file == null) {
            throw new IllegalArgumentException(message + " is not a message of this maildrop");
        }
        return file;
    }
}
