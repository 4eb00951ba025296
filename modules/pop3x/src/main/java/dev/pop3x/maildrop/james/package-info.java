/**
 * The {@code james} backend: each user's INBOX through James's mailbox manager. Entry point:
 * {@link dev.pop3x.maildrop.james.JamesMaildropStore} (opens and lists an INBOX, with a listing cache); inside:
 * {@code JamesMaildrop} (one session's INBOX), {@code CompactListing}, {@code ReadAhead}, {@code CrlfOctets},
 * {@code RetrievalKeyword}, {@code MessageIdOrder}, {@link dev.pop3x.maildrop.james.JamesNotes} (every kind of note,
 * blobs named by INBOX annotations read in one call), {@code ImportedUidls} (the imported unique-ids' note),
 * {@code JamesQuotas}, {@code JamesQuotaLimits}, {@code MailboxCalls}.
 */
package dev.pop3x.maildrop.james;
