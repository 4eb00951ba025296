package dev.pop3x.maildrop.maildir.uidl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Courier's unique-ids ({@code maildir.uidl = courier}): {@code UID<n>-<uidvalidity>} from the maildir's
 * {@code courierpop3dsizelist}, messages listed in Courier's order; new mail is numbered there as Courier's pop3d
 * numbers it at login ({@link CourierSizelist}).
 */
public final class CourierScheme implements UidlScheme {
    public static final String NAME = "courier";
    /** Courier's file of sizes and unique-ids, in the maildir. */
    public static final String SIZELIST = CourierSizelist.FILE;
    static final CourierScheme INSTANCE = new CourierScheme();

    private CourierScheme() {
    }

    @Override
    public MaildirUidls name(Path maildir, Map<String, ScannedMessage> messages, UidlWriters writers) throws IOException, UnusableUidlFile {
        CourierSizelist sizelist = writers.courier().number(maildir, messages);
        return MaildirUidls.listed(sizelist.uidls(), sizelist.order());
    }

    @Override
    public boolean numbersAtDelivery() {
        return false;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
