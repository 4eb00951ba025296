/**
 * The machinery of {@code pop3x.properties}, and nothing of any feature: {@link dev.pop3x.config.Setting} (a key, its
 * default, its check, per user or not), {@link dev.pop3x.config.Settings} (every setting resolved once at start-up,
 * from the table the root package's {@code Pop3xSettings} assembles from the features' settings classes),
 * {@link dev.pop3x.config.PerUser} with {@link dev.pop3x.config.Scope} (a value with its domain and user overrides),
 * {@link dev.pop3x.config.SettingsFile}/{@link dev.pop3x.config.SettingsFiles} (reading the file) and
 * {@link dev.pop3x.config.InvalidSettingException} (the error naming the key). Each feature owns its settings class
 * in its own package ({@code protocol.SessionSettings}, {@code policy.PolicySettings},
 * {@code maildrop.MaildropSettings}, {@code auth.BrakeSettings}, {@code devices.DeviceSettings}, ...). Depends on
 * nothing else of pop3x.
 */
package dev.pop3x.config;
