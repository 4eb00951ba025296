/**
 * The {@code maildir} backend: Maildir++ directories on disk, shared with Dovecot or Courier. Entry points:
 * {@link dev.pop3x.maildrop.maildir.MaildirMaildropStore} (opens a user's maildir),
 * {@link dev.pop3x.maildrop.maildir.MaildirDelivery} (delivers into it, for {@code mailet.ToMaildir}),
 * {@link dev.pop3x.maildrop.maildir.MaildirLeases} (the lease files of {@code lock.maildir-lease}),
 * {@link dev.pop3x.maildrop.maildir.MaildirLocation}. Inside: {@code Maildir} (the directory's files),
 * {@code MaildirMaildrop}, {@code MaildirNotes}, {@code MaildirListing}, {@code MaildirSnapshot}, {@code MaildirQuota},
 * {@code RetrievalLedger}, {@code SavedUidls}, {@code ControlFile}. Unique-ids as Dovecot and Courier give them are in
 * {@code maildrop.maildir.uidl}.
 */
package dev.pop3x.maildrop.maildir;
