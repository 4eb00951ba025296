/**
 * Pulling a user's unique-ids from the previous POP3 server. Entry point:
 * {@link dev.pop3x.migration.pull.UidlPuller} (logs in there with {@code Pop3Client}, reads UIDL, LIST and headers,
 * imports); {@code OldServer}, {@code Credentials}, {@code TlsMode}, {@code TlsSockets}, {@code OldMaildrop},
 * {@code OldMessage}, {@code PullReport}, {@code PullFailure}.
 */
package dev.pop3x.migration.pull;
