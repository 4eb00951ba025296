package dev.pop3x.maildrop.maildir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.config.MaildirSettings;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.QuotaLimits;

/**
 * Delivers messages into users' Maildirs: tmp/ then rename into new/ under a name unique across hosts, processes
 * and deliveries ({@code <seconds>.M<micros>P<pid>Q<count>R<random>.<host>,S=<size>,W=<vsize>}, as the Maildir
 * spec and Dovecot write them), flushed to disk before the rename when {@code maildir.fsync} is on, and counted
 * in {@code maildirsize}. Files are written with LF line ends, as Maildir files conventionally are.
 */
@Singleton
public final class MaildirDelivery {
    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirDelivery.class);

    /** The outcome of one delivery. */
    public enum Outcome { DELIVERED, OVER_QUOTA }

    private final MaildirLocation location;
    private final QuotaLimitSource limits;
    private final MaildirSettings settings;
    private final Clock clock;
    private final String host;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong deliveries = new AtomicLong();
    private final SecureRandom random = new SecureRandom();

    @Inject
    public MaildirDelivery(MaildirLocation location, QuotaLimitSource limits, MaildirSettings settings, Clock clock) {
        this.location = location;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.host = hostName();
    }

    /**
     * @param message the message as it travels (CRLF line ends)
     */
    public Outcome deliver(Username user, byte[] message) throws MaildropException {
        byte[] stored = withLfLineEnds(message);
        long virtualSize = VirtualSizes.measureBytes(stored);
        Maildir maildir = new Maildir(location.of(user));
        try {
            maildir.create();
            MaildirQuota quota = new MaildirQuota(maildir);
            Optional<QuotaLimits> userLimits = limits.limitsOf(user);
            if (userLimits.isPresent()) {
                quota.applyLimits(userLimits.get());
            }
            Optional<MaildirQuota.Usage> usage = quota.read();
            if (usage.isPresent() && usage.get().refuses(stored.length)) {
                LOGGER.info("{} is over quota ({}): a message of {} octets is refused", user.asString(), usage.get(), stored.length);
                return Outcome.OVER_QUOTA;
            }
            MaildirName name = maildir.deliver(stored, virtualSize, uniqueName(), settings.fsync());
            quota.add(stored.length, 1);
            LOGGER.info("Delivered {} octets to {} as {}", stored.length, user.asString(), name);
            return Outcome.DELIVERED;
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot deliver to the maildir of " + user.asString(), e);
        }
    }

    String uniqueName() {
        Instant now = clock.instant();
        return now.getEpochSecond() + ".M" + (now.getNano() / 1000) + "P" + pid + "Q" + deliveries.incrementAndGet()
            + "R" + Long.toHexString(random.nextLong() & 0xFFFFFFFFL) + "." + host;
    }

    /** CRLF becomes LF; a last line without its end gets one. */
    static byte[] withLfLineEnds(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                continue;
            }
            out.write(message[i]);
        }
        if (message.length > 0 && message[message.length - 1] != '\n') {
            out.write('\n');
        }
        return out.toByteArray();
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
