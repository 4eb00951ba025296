package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropLeases;
import dev.pop3x.maildrop.MaildropSettings;

/**
 * The leases of maildir-backend maildrops shared by James nodes ({@code lock.maildir-lease}): a {@link MaildirLease}
 * file in each maildir, one for the whole maildrop and one per device in a session.
 */
public final class MaildirLeases implements MaildropLeases {
    private static final Duration UNUSED = Duration.ofMinutes(1);

    private final MaildirLocation location;
    private final Duration duration;
    private final boolean enabled;
    private final Clock clock;

    @Inject
    public MaildirLeases(MaildirLocation location, MaildropSettings settings, Clock clock) {
        this.location = location;
        this.duration = settings.maildirLease().orElse(UNUSED);
        this.enabled = settings.maildirLease().isPresent();
        this.clock = clock;
    }

    /** Whether {@code lock.maildir-lease} is set. */
    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Duration duration() {
        return duration;
    }

    @Override
    public Optional<MaildropLease> tryAcquire(Username user, Optional<String> device, String owner) throws MaildropException {
        try {
            Path maildir = location.of(user);
            if (!maildir.toFile().isDirectory()) {
                // its first login creates it: nobody else can be serving it
                Files.createDirectories(maildir);
            }
            return MaildirLease.tryAcquire(maildir, fileName(device), owner, duration, clock).map(this::held);
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot take the maildir lease of " + user.asString(), e);
        }
    }

    /** {@code pop3x-lock} for the whole maildrop, {@code pop3x-lock-<device>} for a device's view of it. */
    private static String fileName(Optional<String> device) {
        return MaildirLease.FILE + device.map(name -> "-" + name).orElse("");
    }

    private MaildropLease held(MaildirLease lease) {
        return new MaildropLease() {
            @Override
            public boolean renew() {
                return lease.renew();
            }

            @Override
            public boolean isHeld() {
                return lease.isHeld(duration);
            }

            @Override
            public void release() {
                lease.release();
            }

            @Override
            public String toString() {
                return lease.toString();
            }
        };
    }

    @Override
    public Optional<String> holder(Username user, Optional<String> device) throws MaildropException {
        try {
            return MaildirLease.holder(location.of(user), fileName(device));
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot read the maildir lease of " + user.asString(), e);
        }
    }
}
