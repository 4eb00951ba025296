/**
 * The unique-ids Dovecot and Courier give maildir messages, read and written in their own files so that their clients
 * download nothing again. Entry point: {@link dev.pop3x.maildrop.maildir.uidl.MaildirUidls} (a maildir's unique-ids by
 * {@link dev.pop3x.maildrop.maildir.uidl.UidlScheme}); Dovecot: {@code DovecotUidlist}, {@code UidAssignment},
 * {@code UidlTemplate}, {@code VarExpandTemplate}, {@code DovecotOrder}, {@code UidlistLock}; Courier:
 * {@code CourierSizelist}, {@code CourierScheme}; {@code UidlWriters} holds the writers.
 */
package dev.pop3x.maildrop.maildir.uidl;
