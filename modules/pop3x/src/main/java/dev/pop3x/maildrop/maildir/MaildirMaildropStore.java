package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.hash.Hashing;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.maildir.uidl.UidlWriters;
import dev.pop3x.maildrop.maildir.uidl.UnusableUidlFile;

/**
 * Maildrops in Maildir++ directories shared with Dovecot, Courier and Postfix. A message's unique-id is what Dovecot
 * gives with the same {@code pop3_uidl_format} ({@code maildir.uidl}: the base file name by default, as Courier gives
 * too, or Dovecot's default {@code %08Xu%08Xv} from its dovecot-uidlist), so clients that leave mail on the server do
 * not download it again after a migration. Sizes come from {@code ,W=} in file names, else from
 * {@link VirtualSizes}: listing never reads a message twice.
 */
public final class MaildirMaildropStore implements MaildropStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirMaildropStore.class);

    /** Listings of recent logins, at most about this many messages in all (a few hundred bytes each). */
    private static final long SNAPSHOT_MESSAGES = 200_000;

    private final MaildirLocation location;
    private final QuotaLimitSource limits;
    private final MaildirSettings settings;
    private final UidlWriters writers;
    private final StoreCalls calls;
    private final Cache<Path, MaildirSnapshot> snapshots = CacheBuilder.newBuilder()
        .maximumWeight(SNAPSHOT_MESSAGES)
        .weigher((Path root, MaildirSnapshot snapshot) -> snapshot.size() + 1)
        .build();

    @Inject
    public MaildirMaildropStore(MaildirLocation location, QuotaLimitSource limits, MaildirSettings settings, Clock clock, StoreCalls calls) {
        this.calls = calls;
        this.location = location;
        this.limits = limits;
        this.settings = settings;
        this.writers = new UidlWriters(clock, settings.fsync());
    }

    private static MaildirSnapshot.Stamps stamps(Maildir maildir) {
        // the times of new/, cur/ and the control files
        maildir.counted(StoreCalls.Kind.DIRECTORY_READ);
        return MaildirSnapshot.Stamps.of(maildir.root());
    }

    /**
     * Lists the maildir, or takes the listing of the previous login while the maildir's times say nothing changed
     * ({@link MaildirSnapshot}); a new listing reads again only the files that are new since the previous one.
     */
    @Override
    public Maildrop open(Username user) throws MaildropException {
        Path path = location.of(user);
        Maildir maildir = new Maildir(path, settings.fsync(), calls);
        try {
            MaildirSnapshot snapshot = snapshots.getIfPresent(path);
            MaildirSnapshot.Stamps stamps = stamps(maildir);
            if (snapshot != null && snapshot.isCurrent(stamps)) {
                return new MaildirMaildrop(user, maildir, RetrievalLedger.forAppending(maildir), snapshot.messages(),
                    new HashMap<>(snapshot.files()), limits);
            }
            if (!stamps.withMessageDirectories() && !maildir.exists()) {
                LOGGER.info("Creating the maildir of {} in {}", user.asString(), path);
                maildir.create();
                stamps = stamps(maildir);
            }
            Instant scanStart = Instant.now();
            RetrievalLedger ledger = RetrievalLedger.load(maildir);
            MaildirListing listing = MaildirListing.scan(maildir, ledger, settings.uidl().forUser(user), writers,
                snapshot == null ? Map.of() : snapshot.filesByEntry());
            snapshots.put(path, MaildirSnapshot.of(stamps, scanStart, listing.messages(), listing.files()));
            return new MaildirMaildrop(user, maildir, ledger, listing.messages(), listing.files(), limits);
        } catch (UnusableUidlFile e) {
            LOGGER.error("Not serving the maildir of {}: the previous server's UIDL file is not one it would read itself, and its UIDLs"
                + " would change", user.asString(), e);
            throw MaildropException.temporary("Unusable UIDL file for " + user.asString() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw MaildropException.temporary("Cannot open the maildir of " + user.asString() + " in " + path, e);
        }
    }

    /**
     * The base file name, which RFC 1939 allows when it is 1 to 70 printable characters; a longer or odd name
     * (a long host name in it) gets a stable digest of itself instead.
     */
    static String uniqueId(String base) {
        if (MaildropMessage.isUniqueId(base)) {
            return base;
        }
        return "pop3x-" + Hashing.sha256().hashString(base, StandardCharsets.UTF_8).toString().substring(0, 40);
    }
}
