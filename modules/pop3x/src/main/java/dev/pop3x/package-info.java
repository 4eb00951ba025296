/**
 * pop3x, a drop-in extension of Apache James 3.8.1: its POP3 listeners, commands, deletion policy, backends, devices,
 * UIDL migration and cluster locks. Entry points: {@link dev.pop3x.Pop3xModule} (the Guice module James loads from
 * {@code extensions.properties}: it assembles the settings, binds the backends, the locks and their leases per backend,
 * and the listeners), {@link dev.pop3x.BuildInfo}. Dependencies point one way: {@code config} (the settings
 * machinery; each feature owns its settings class) and {@code log} depend on nothing of pop3x; {@code auth} on these
 * two; {@code maildrop} (the storage SPI and its locks) on {@code config}; the backends ({@code maildrop.james},
 * {@code maildrop.maildir}) on {@code maildrop}; the features ({@code devices}, {@code policy}, {@code migration}) on
 * {@code maildrop}; {@code protocol} on all of these; {@code server}, {@code webadmin} and this package on the rest.
 */
package dev.pop3x;
