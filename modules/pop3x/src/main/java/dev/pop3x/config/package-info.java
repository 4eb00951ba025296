/**
 * {@code pop3x.properties}: {@link dev.pop3x.config.Setting} (a key, its default, its check, per user or not),
 * {@link dev.pop3x.config.Settings} (every setting resolved once at start-up, from the table the root
 * package's {@code Pop3xSettings} assembles from the features' settings classes), {@link dev.pop3x.config.PerUser} (a value with its domain and user
 * overrides), {@link dev.pop3x.config.SettingsFile}/{@link dev.pop3x.config.SettingsFiles} (reading the file), and the
 * settings classes of the concerns that have no package of their own ({@code *Settings}); a feature with a package
 * owns its settings class there ({@code devices.DeviceSettings}, {@code maildrop.maildir.MaildirSettings},
 * {@code maildrop.james.JamesBackendSettings}, {@code cluster.CassandraSettings}, {@code auth.BrakeSettings}).
 * Depends on nothing else of pop3x.
 */
package dev.pop3x.config;
