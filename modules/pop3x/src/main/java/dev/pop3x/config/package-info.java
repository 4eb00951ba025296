/**
 * {@code pop3x.properties}: {@link dev.pop3x.config.Setting} (a key, its default, its check, per user or not),
 * {@link dev.pop3x.config.Settings} (every setting resolved once at start-up, from the table
 * {@link dev.pop3x.config.Pop3xSettings#ALL}), {@link dev.pop3x.config.PerUser} (a value with its domain and user
 * overrides), {@link dev.pop3x.config.SettingsFile}/{@link dev.pop3x.config.SettingsFiles} (reading the file), and one
 * view class per concern ({@code *Settings}) naming its keys. Depends on nothing else of pop3x.
 */
package dev.pop3x.config;
