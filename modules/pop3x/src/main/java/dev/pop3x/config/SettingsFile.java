package dev.pop3x.config;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.google.common.collect.ImmutableMap;

/**
 * The raw text of {@code pop3x.properties}, key by key, checked against the settings pop3x knows: a key nobody
 * reads is almost always a typo, so it stops the start-up instead of being silently ignored.
 */
public final class SettingsFile {
    /** The file's name in James's conf folder, without its {@code .properties} extension. */
    public static final String FILE_NAME = "pop3x";

    private final Map<String, String> values;

    private SettingsFile(Map<String, String> values) {
        this.values = ImmutableMap.copyOf(values);
    }

    /** No file: every setting takes its default. */
    public static SettingsFile empty() {
        return new SettingsFile(Map.of());
    }

    /**
     * @param values the file's keys and values
     * @param known every setting pop3x reads
     * @throws InvalidSettingException naming the first unknown key
     */
    public static SettingsFile of(Map<String, String> values, Collection<Setting<?>> known) {
        Set<String> knownKeys = known.stream().map(Setting::key).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(knownKeys);
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new InvalidSettingException(first, "unknown key '" + first + "'; known keys are "
                + new TreeSet<>(knownKeys));
        }
        return new SettingsFile(values);
    }

    public <T> T get(Setting<T> setting) {
        return setting.valueOf(Optional.ofNullable(values.get(setting.key())));
    }
}
