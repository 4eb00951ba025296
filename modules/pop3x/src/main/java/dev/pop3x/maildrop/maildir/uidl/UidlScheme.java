package dev.pop3x.maildrop.maildir.uidl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a maildir's messages are named in UIDL and ordered ({@code maildir.uidl}): a Dovecot {@code pop3_uidl_format}
 * ({@link UidlTemplate}), or Courier's numbering ({@link CourierScheme}), so that mail the previous server served
 * keeps the unique-ids its clients remember.
 */
public interface UidlScheme {

    /** The value of {@code maildir.uidl}: {@code courier}, or a Dovecot template. */
    static UidlScheme parse(String text) {
        return text.equals(CourierScheme.NAME) ? CourierScheme.INSTANCE : UidlTemplate.parse(text);
    }

    /**
     * Names the messages of the maildir, numbering the new ones in the previous server's file where the scheme has one.
     *
     * @param messages the messages, by base name, in the order the scan found them
     */
    MaildirUidls name(Path maildir, Map<String, ScannedMessage> messages, UidlWriters writers) throws IOException, UnusableUidlFile;

    /** Whether new mail is numbered in Dovecot's uidlist as it is delivered, as Dovecot's LDA does. */
    boolean numbersAtDelivery();
}
