package dev.pop3x;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.pop3x.auth.BrakeSettings;
import dev.pop3x.cluster.CassandraSettings;
import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;
import dev.pop3x.config.SettingsFile;
import dev.pop3x.devices.DeviceSettings;
import dev.pop3x.maildrop.MaildropSettings;
import dev.pop3x.maildrop.james.JamesBackendSettings;
import dev.pop3x.maildrop.maildir.MaildirSettings;
import dev.pop3x.policy.PolicySettings;
import dev.pop3x.protocol.CapaSettings;
import dev.pop3x.protocol.SessionSettings;

/**
 * The table of every setting pop3x reads from {@code pop3x.properties}, assembled from the features' settings classes
 * (each feature owns its keys: {@code devices.DeviceSettings}, {@code maildrop.maildir.MaildirSettings}, ...), so that
 * {@code config} depends on none of them. {@link Pop3xModule} resolves it at start-up.
 */
public final class Pop3xSettings {
    public static final List<Setting<?>> ALL = Stream.of(CapaSettings.ALL, MaildropSettings.ALL, JamesBackendSettings.ALL, MaildirSettings.ALL,
            CassandraSettings.ALL, DeviceSettings.ALL, SessionSettings.ALL, PolicySettings.ALL, BrakeSettings.ALL)
        .flatMap(List::stream)
        .collect(Collectors.toUnmodifiableList());

    private Pop3xSettings() {
    }

    /** The settings of a file with these lines (for tests and tools): {@code Pop3xSettings.of(Map.of("brake.max-delay", "1s"))}. */
    public static Settings of(Map<String, String> lines) {
        return Settings.resolve(SettingsFile.of(lines, ALL), ALL);
    }

    /** Every setting at its default. */
    public static Settings defaults() {
        return Settings.resolve(SettingsFile.empty(), ALL);
    }
}
