package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

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
import dev.pop3x.maildrop.QuotaLimits;

/**
 * Maildrops in Maildir++ directories shared with Dovecot, Courier and Postfix. A message's unique-id is its base
 * file name, as Dovecot gives with {@code pop3_uidl_format = %f} and as Courier gives, so clients that leave mail
 * on the server do not download it again after a migration. Sizes come from {@code ,W=} in file names, else from
 * {@link VirtualSizes}: listing never reads a message twice.
 */
public final class MaildirMaildropStore implements MaildropStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirMaildropStore.class);
    private static final int MAX_UNIQUE_ID = 70;

    /** Listings of recent logins, at most about this many messages in all (a few hundred bytes each). */
    private static final long SNAPSHOT_MESSAGES = 200_000;

    private final MaildirLocation location;
    private final QuotaLimitSource limits;
    private final Cache<Path, MaildirSnapshot> snapshots = CacheBuilder.newBuilder()
        .maximumWeight(SNAPSHOT_MESSAGES)
        .weigher((Path root, MaildirSnapshot snapshot) -> snapshot.size() + 1)
        .build();

    @Inject
    public MaildirMaildropStore(MaildirLocation location, QuotaLimitSource limits) {
        this.location = location;
        this.limits = limits;
    }

    @Override
    public Maildrop open(Username user) throws MaildropException {
        Path path = location.of(user);
        Maildir maildir = new Maildir(path);
        try {
            if (!maildir.exists()) {
                LOGGER.info("Creating the maildir of {} in {}", user.asString(), path);
                maildir.create();
            }
            Optional<QuotaLimits> userLimits = limits.limitsOf(user);
            if (userLimits.isPresent()) {
                new MaildirQuota(maildir).applyLimits(userLimits.get());
            }
            MaildirSnapshot snapshot = snapshots.getIfPresent(path);
            if (snapshot != null && snapshot.isCurrent(path)) {
                return new MaildirMaildrop(user, maildir, RetrievalLedger.forAppending(maildir), snapshot.messages(),
                    new HashMap<>(snapshot.files()));
            }
            Instant scanStart = Instant.now();
            VirtualSizes sizes = VirtualSizes.load(maildir);
            RetrievalLedger ledger = RetrievalLedger.load(maildir);
            List<MaildropMessage> messages = new ArrayList<>();
            Map<MaildropMessage, MaildirFile> files = new HashMap<>();
            Set<String> bases = new HashSet<>();
            for (MaildirFile file : maildir.scan()) {
                OptionalLong octets = sizes.of(file);
                if (octets.isEmpty()) {
                    continue;
                }
                MaildropMessage message = new MaildropMessage(uniqueId(file.name().base()), octets.getAsLong(), Maildir.sizeOf(file),
                    Instant.ofEpochSecond(file.name().deliverySeconds()), ledger.retrieved(file.name().base()));
                messages.add(message);
                files.put(message, file);
                bases.add(file.name().base());
            }
            sizes.save(bases);
            ledger.compact(bases);
            snapshots.put(path, MaildirSnapshot.of(path, scanStart, messages, files));
            return new MaildirMaildrop(user, maildir, ledger, messages, files);
        } catch (IOException | RuntimeException e) {
            throw MaildropException.temporary("Cannot open the maildir of " + user.asString() + " in " + path, e);
        }
    }

    private static boolean isPrintableUniqueId(String base) {
        if (base.isEmpty() || base.length() > MAX_UNIQUE_ID) {
            return false;
        }
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /**
     * The base file name, which RFC 1939 allows when it is 1 to 70 printable characters; a longer or odd name
     * (a long host name in it) gets a stable digest of itself instead.
     */
    static String uniqueId(String base) {
        if (isPrintableUniqueId(base)) {
            return base;
        }
        return "pop3x-" + Hashing.sha256().hashString(base, StandardCharsets.UTF_8).toString().substring(0, 40);
    }
}
