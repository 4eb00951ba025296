package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.QuotaUsage;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.maildir.uidl.DovecotUidlist;
import dev.pop3x.maildrop.maildir.uidl.UidAssignment;
import dev.pop3x.maildrop.maildir.uidl.UnusableUidlFile;

/**
 * Delivers messages into users' Maildirs: tmp/ then rename into new/ under a name unique across hosts, processes
 * and deliveries ({@code <seconds>.M<micros>P<pid>Q<count>R<random>.<host>,S=<size>,W=<vsize>}, as the Maildir
 * spec and Dovecot write them), flushed to disk before the rename when {@code maildir.fsync} is on, and counted
 * in {@code maildirsize}. Files are written with LF line ends, as Maildir files conventionally are, and streamed:
 * a message of any size is delivered in constant memory.
 */
@Singleton
public final class MaildirDelivery {
    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirDelivery.class);
    private static final Duration UIDLIST_LOCK_WAIT = Duration.ofSeconds(2);

    /** The outcome of one delivery. */
    public enum Outcome { DELIVERED, OVER_QUOTA }

    private final MaildirLocation location;
    private final QuotaLimitSource limits;
    private final MaildirSettings settings;
    private final Clock clock;
    private final UidAssignment assignment;
    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicReference<Instant> lastDelivery = new AtomicReference<>(Instant.EPOCH);
    private final SecureRandom random = new SecureRandom();

    @Inject
    public MaildirDelivery(MaildirLocation location, QuotaLimitSource limits, MaildirSettings settings, Clock clock) {
        this.location = location;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.assignment = new UidAssignment(clock, settings.fsync());
        this.host = hostName();
    }

    /**
     * Writes the message to tmp/ as it comes, then delivers it into new/ unless the user's quota refuses its size.
     *
     * @param message writes the message as it travels (CRLF line ends)
     */
    public Outcome deliver(Username user, MessageWriter message) throws MaildropException {
        Maildir maildir = new Maildir(location.of(user), settings.fsync(), StoreCalls.uncounted());
        try {
            maildir.create();
            MaildirQuota quota = new MaildirQuota(maildir);
            quota.applyLimits(limits.limitsOf(user));
            Maildir.InTmp written = maildir.writeToTmp(uniqueName(), message, settings.fsync());
            Optional<QuotaUsage> usage = quota.read();
            if (usage.isPresent() && usage.get().refuses(written.octets())) {
                maildir.discard(written);
                LOGGER.info("{} is over quota ({}): a message of {} octets is refused", user.asString(), usage.get(), written.octets());
                return Outcome.OVER_QUOTA;
            }
            MaildirName name = maildir.moveToNew(written, settings.fsync());
            countInQuota(quota, user, written.octets());
            numberForDovecot(maildir, user);
            LOGGER.info("Delivered {} octets to {} as {}", written.octets(), user.asString(), name);
            return Outcome.DELIVERED;
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot deliver to the maildir of " + user.asString(), e);
        }
    }

    /** The message is delivered: a maildirsize that cannot be updated (a full disk) must not turn it into a bounce. */
    private static void countInQuota(MaildirQuota quota, Username user, long octets) {
        try {
            quota.add(octets, 1);
        } catch (IOException e) {
            LOGGER.warn("Delivered {} octets to {} but could not count them in maildirsize", octets, user.asString(), e);
        }
    }

    /**
     * Gives the new message its Dovecot UID at once, as Dovecot's LDA does, where UIDs are in use: the user's UIDLs are
     * made of them, or a dovecot-uidlist is there. The message is delivered whatever happens here: a message left
     * without one gets it at the next listing, by pop3x or by Dovecot, in the same order.
     */
    private void numberForDovecot(Maildir maildir, Username user) {
        if (!settings.uidl().forUser(user).numbersAtDelivery() && !Files.exists(maildir.root().resolve(DovecotUidlist.FILE))) {
            return;
        }
        try {
            List<String> bases = maildir.scan().stream().map(file -> file.name().base()).collect(Collectors.toList());
            assignment.assign(maildir.root(), bases, UIDLIST_LOCK_WAIT);
        } catch (IOException | UnusableUidlFile e) {
            LOGGER.warn("Delivered to {}, but could not give the message its UID in {}", user.asString(), DovecotUidlist.FILE, e);
        }
    }

    String uniqueName() {
        Instant now = deliveryInstant();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + pid + "Q" + deliveries.incrementAndGet()
            + "R" + Long.toHexString(random.nextLong() & 0xFFFFFFFFL) + "." + host;
    }

    /**
     * The clock's time, moved a microsecond past the previous delivery's when the clock has not moved since (a coarse
     * or a stopped clock): readers order new mail by the time in its name, and mail must list in delivery order.
     */
    private Instant deliveryInstant() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return lastDelivery.accumulateAndGet(now, (last, candidate) -> candidate.isAfter(last) ? candidate : last.plusNanos(1000));
    }

    /** The host part of Maildir names, with '/' and ':' escaped as the spec asks. */
    private static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "localhost";
        }
        return name.replace("/", "\\057").replace(":", "\\072");
    }
}
