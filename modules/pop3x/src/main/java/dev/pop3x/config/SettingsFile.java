package dev.pop3x.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;

import com.google.common.collect.ImmutableMap;

/**
 * The raw text of {@code pop3x.properties}, key by key, checked against the settings pop3x knows: a key nobody
 * reads is almost always a typo, so it stops the start-up instead of being silently ignored.
 */
public final class SettingsFile {
    /** The file's name in James's conf folder, without its {@code .properties} extension. */
    public static final String FILE_NAME = "pop3x";
    private static final Pattern SCOPED_KEY = Pattern.compile("([^\\[\\]]+)\\[([^\\[\\]]*)\\]");

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
     * @throws InvalidSettingException naming the first unknown key, or a scope on a setting that has none
     */
    public static SettingsFile of(Map<String, String> values, Collection<Setting<?>> known) {
        Map<String, Setting<?>> byKey = known.stream().collect(Collectors.toMap(Setting::key, setting -> setting));
        for (String key : new TreeSet<>(values.keySet())) {
            Matcher scoped = SCOPED_KEY.matcher(key);
            String base = scoped.matches() ? scoped.group(1) : key;
            Setting<?> setting = byKey.get(base);
            if (setting == null) {
                throw new InvalidSettingException(key, "unknown key '" + key + "'; known keys are " + new TreeSet<>(byKey.keySet()));
            }
            if (scoped.matches()) {
                if (!setting.isPerUser()) {
                    throw new InvalidSettingException(key, "'" + base + "' cannot be set per domain or per user (key '" + key + "')");
                }
                try {
                    Scope.parse(scoped.group(2));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException(key, "key '" + key + "': '" + scoped.group(2)
                        + "' is neither a domain nor a user@domain (" + e.getMessage() + ")");
                }
            }
        }
        return new SettingsFile(values);
    }

    public <T> T get(Setting<T> setting) {
        return setting.valueOf(setting.key(), Optional.ofNullable(values.get(setting.key())));
    }

    /** A per-user setting: its default, and the values written for domains and users. */
    public <T> PerUser<T> getPerUser(Setting<T> setting) {
        Map<Domain, T> domains = new HashMap<>();
        Map<Username, T> users = new HashMap<>();
        values.forEach((key, text) -> {
            Matcher scoped = SCOPED_KEY.matcher(key);
            if (scoped.matches() && scoped.group(1).equals(setting.key())) {
                Scope scope = Scope.parse(scoped.group(2));
                T value = setting.valueOf(key, Optional.of(text));
                if (scope.isUser()) {
                    users.put(scope.user().orElseThrow(), value);
                } else {
                    domains.put(scope.domain(), value);
                }
            }
        });
        return new PerUser<>(get(setting), domains, users);
    }
}
