/**
 * The deletion policy: what retrieved mail goes, when. Entry points: {@link dev.pop3x.policy.PolicyEnforcer} (decides
 * with {@link dev.pop3x.policy.DeletionPolicy} and expunges, audited: at QUIT, and for the others),
 * {@link dev.pop3x.policy.PolicyRunner} (a run outside sessions, under the maildrop's brief lock),
 * {@link dev.pop3x.policy.PolicySweeper} (the startable that runs it every {@code policy.sweep-interval}), the
 * {@link dev.pop3x.policy.SweepLedger} (which users to visit; {@code DirectorySweepLedger} here, Cassandra's in
 * {@code cluster}), {@link dev.pop3x.policy.LedgerRecordingStore} (every backend, telling the ledger who retrieved
 * mail), {@code QuotaNotice}, {@code UserPolicy}, {@code PolicyReport}, {@code Expunction}, {@code PolicyTrigger};
 * its keys: {@code PolicySettings}, with {@code Expiry} (a retention in days, or never).
 */
package dev.pop3x.policy;
