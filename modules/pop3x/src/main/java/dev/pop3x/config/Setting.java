package dev.pop3x.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One key of {@code pop3x.properties}: its name, its default and how its text becomes a typed value.
 * Every setting pop3x reads is declared once as a constant of this type, next to the settings object of its
 * concern, and listed in {@link Pop3xSettings#ALL}; the README's configuration reference uses the same names.
 */
public final class Setting<T> {
    private final String key;
    private final T defaultValue;
    private final String expected;
    private final Function<String, Optional<T>> parser;

    private Setting(String key, T defaultValue, String expected, Function<String, Optional<T>> parser) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** A setting whose value is one of an enum's constants, written in lower case with '-' for '_'. */
    public static <E extends Enum<E>> Setting<E> oneOf(String key, Class<E> type, E defaultValue) {
        String choices = Arrays.stream(type.getEnumConstants())
            .map(Setting::spelling)
            .collect(Collectors.joining(", "));
        return new Setting<>(key, defaultValue, "one of " + choices,
            text -> Arrays.stream(type.getEnumConstants())
                .filter(constant -> spelling(constant).equals(text.toLowerCase(Locale.ROOT)))
                .findFirst());
    }

    /** An integer within [min, max]. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max) {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " is outside [" + min + ", " + max + "]");
        }
        return new Setting<>(key, defaultValue, "an integer from " + min + " to " + max,
            text -> parseInt(text).filter(value -> value >= min && value <= max));
    }

    /** true or false. */
    public static Setting<Boolean> flag(String key, boolean defaultValue) {
        return new Setting<>(key, defaultValue, "true or false", text -> {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true":
                    return Optional.of(true);
                case "false":
                    return Optional.of(false);
                default:
                    return Optional.empty();
            }
        });
    }

    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Optional<Integer> parseInt(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public String key() {
        return key;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The value an operator wrote, or the default when the key is absent. */
    T valueOf(Optional<String> text) {
        if (text.isEmpty()) {
            return defaultValue;
        }
        String trimmed = text.get().trim();
        return parser.apply(trimmed)
            .orElseThrow(() -> new InvalidSettingException(key,
                "invalid value '" + trimmed + "' for key '" + key + "': expected " + expected));
    }

    @Override
    public String toString() {
        return key;
    }
}
