package dev.pop3x.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every pop3x setting resolved once, at start-up, from {@code pop3x.properties}: the one table the settings of each
 * concern ({@code auth.BrakeSettings}, {@code policy.PolicySettings}, ...) are views of; each feature owns its settings class, and
 * {@code dev.pop3x.Pop3xSettings} assembles their keys. Resolving reads and checks every key,
 * so a wrong value stops James whether or not the setting is used yet. A setting given per domain or user is kept
 * with its overrides ({@link PerUser}).
 */
public final class Settings {
    private final Map<Setting<?>, PerUser<?>> values;

    private Settings(Map<Setting<?>, PerUser<?>> values) {
        this.values = values;
    }

    /**
     * @param all every setting there is (the features' tables, which {@code dev.pop3x.Pop3xSettings} assembles)
     * @throws InvalidSettingException naming the first key with a wrong value
     */
    public static Settings resolve(SettingsFile file, List<Setting<?>> all) {
        Map<Setting<?>, PerUser<?>> values = new LinkedHashMap<>();
        for (Setting<?> setting : all) {
            values.put(setting, setting.isPerUser() ? file.getPerUser(setting) : PerUser.everyone(file.get(setting)));
        }
        return new Settings(values);
    }

    /** The value of a setting; for one given per user, the value for users without an override of their own. */
    public <T> T get(Setting<T> setting) {
        return perUser(setting).defaultValue();
    }

    @SuppressWarnings("unchecked")
    public <T> PerUser<T> perUser(Setting<T> setting) {
        PerUser<?> value = values.get(setting);
        if (value == null) {
            throw new IllegalArgumentException(setting.key() + " is not among the settings resolved (Pop3xSettings.ALL)");
        }
        return (PerUser<T>) value;
    }

    /** The settings that differ from their defaults, as {@code doveconf -n} prints them. */
    @Override
    public String toString() {
        return values.entrySet().stream()
            .filter(entry -> !entry.getValue().equals(PerUser.everyone(entry.getKey().defaultValue())))
            .map(entry -> entry.getKey().key() + "=" + entry.getValue())
            .collect(Collectors.joining(", ", "{", "}"));
    }
}
