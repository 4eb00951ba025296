/**
 * Moving users from another POP3 server without a download storm. Entry point:
 * {@link dev.pop3x.migration.UidlImporter} (matches a {@link dev.pop3x.migration.UidlMap} against a maildrop, under the
 * maildrop's brief lock, and saves the matched unique-ids), reporting an {@link dev.pop3x.migration.ImportReport};
 * matching: {@code UidlMatching}, {@code Fingerprint}, {@code HeaderDigest}, {@code MessageIdField}. Pulling the map from
 * the old server is {@code migration.pull}.
 */
package dev.pop3x.migration;
