package dev.pop3x.migration.pull;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.migration.ImportReport;
import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.UidlMap;
import dev.pop3x.migration.UidlMapEntry;

/**
 * Pulls a user's unique-ids from the previous POP3 server: logs in there, reads UIDL, LIST and each message's header
 * section ({@code TOP n 0}), and imports them ({@link UidlImporter}: the maildrop lock, the dry run, the collisions),
 * each old message found here by its {@link dev.pop3x.migration.HeaderDigest} and size. Pulling again later pairs
 * what arrived since and leaves what was paired before as it is (those messages already answer their unique-id).
 * The maildrop is locked only for the pairing, not while the previous server is read.
 */
public final class UidlPuller {
    private static final Logger LOGGER = LoggerFactory.getLogger(UidlPuller.class);

    private final UidlImporter importer;

    @Inject
    public UidlPuller(UidlImporter importer) {
        this.importer = importer;
    }

    public PullReport pull(Username user, OldServer server, Credentials credentials, boolean dryRun)
        throws PullFailure, UidlImporter.InUse, MaildropException {
        if (server.tls() == TlsMode.NONE) {
            LOGGER.warn("Pulling the unique-ids of {} from {} without TLS: the password crosses the network in clear", user.asString(), server);
        }
        List<OldMessage> old = OldMaildrop.read(server, credentials);
        List<UidlMapEntry> entries = new ArrayList<>(old.size());
        for (OldMessage message : old) {
            if (!MaildropMessage.isUniqueId(message.uidl())) {
                throw new PullFailure("the old server's unique-id of message " + message.number() + " is no RFC 1939 unique-id: "
                    + Pop3Client.quoted(message.uidl()));
            }
            entries.add(UidlMapEntry.byHeaders(message.uidl(), message.headerDigest(), message.octets()));
        }
        UidlMap map;
        try {
            map = new UidlMap(entries);
        } catch (IllegalArgumentException e) {
            throw new PullFailure("the old server's UIDL is unusable: " + e.getMessage(), e);
        }
        ImportReport report = importer.importUidls(user, map, dryRun);
        PullReport pulled = new PullReport(old.size(), report);
        LOGGER.info("UIDL pull user={} from={} {}", user.asString(), server, pulled);
        return pulled;
    }
}
