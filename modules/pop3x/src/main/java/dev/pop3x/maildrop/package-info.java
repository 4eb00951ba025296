/**
 * The maildrop SPI and its locks. Entry points: {@link dev.pop3x.maildrop.MaildropStore} (where maildrops live;
 * {@link dev.pop3x.maildrop.MaildropRouter} picks the user's backend), {@link dev.pop3x.maildrop.Maildrop} (one session's
 * view of a user's messages), {@link dev.pop3x.maildrop.MaildropNotes} with {@link dev.pop3x.maildrop.NoteKind} (the
 * typed notes kept with a maildrop, updated under the notes lock by {@code LockedNotes}), and
 * {@link dev.pop3x.maildrop.MaildropLocks} (the lock model: session locks and the notes lock;
 * {@link dev.pop3x.maildrop.LocalMaildropLocks} on one node, {@link dev.pop3x.maildrop.LeasedMaildropLocks} with the
 * {@link dev.pop3x.maildrop.MaildropLeases} bound per backend, {@link dev.pop3x.maildrop.MaildropKey} naming what is
 * locked); their keys ({@code maildrop.backend}, {@code maildrop.lock}, {@code lock.*}): {@code MaildropSettings}.
 * Decorators: {@code ForwardingMaildrop}, {@code XUidlMaildrop}, {@code WithNotice}. Quotas: {@code QuotaUsage},
 * {@code QuotaLimits}, {@code QuotaLimitSource}.
 */
package dev.pop3x.maildrop;
