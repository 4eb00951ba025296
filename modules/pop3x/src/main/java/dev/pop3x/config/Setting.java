package dev.pop3x.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One key of {@code pop3x.properties}: its name, its default, how its text becomes a typed value, and whether
 * it may be set per domain and per user ({@code key[example.com]=...}, {@code key[bob@example.com]=...}).
 * Every setting pop3x reads is declared once as a constant of this type, next to the settings object of its
 * concern, and listed in {@code dev.pop3x.Pop3xSettings.ALL}; the configuration reference (docs/configuration.md) uses the
 * same names.
 */
public final class Setting<T> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private final String key;
    private final T defaultValue;
    private final String expected;
    private final Function<String, Optional<T>> parser;
    private final Function<T, String> printer;
    private final boolean scoped;

    private Setting(String key, T defaultValue, String expected, Function<String, Optional<T>> parser,
                    Function<T, String> printer, boolean scoped) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.expected = Objects.requireNonNull(expected, "expected");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.printer = Objects.requireNonNull(printer, "printer");
        this.scoped = scoped;
    }

    /** A setting whose value is one of an enum's constants, written in lower case with '-' for '_'. */
    public static <E extends Enum<E>> Setting<E> oneOf(String key, Class<E> type, E defaultValue) {
        String choices = Arrays.stream(type.getEnumConstants())
            .map(Setting::spelling)
            .collect(Collectors.joining(", "));
        return new Setting<>(key, defaultValue, "one of " + choices,
            text -> Arrays.stream(type.getEnumConstants())
                .filter(constant -> spelling(constant).equals(text.toLowerCase(Locale.ROOT)))
                .findFirst(),
            Setting::spelling, false);
    }

    /** An integer within [min, max]. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max) {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " is outside [" + min + ", " + max + "]");
        }
        return new Setting<>(key, defaultValue, "an integer from " + min + " to " + max,
            text -> parseInt(text).filter(value -> value >= min && value <= max), String::valueOf, false);
    }

    /** An integer within [min, max], or {@code off}: empty. */
    public static Setting<OptionalInt> integerOrOff(String key, OptionalInt defaultValue, int min, int max) {
        return new Setting<>(key, defaultValue, "off or an integer from " + min + " to " + max,
            text -> text.equalsIgnoreCase("off")
                ? Optional.of(OptionalInt.empty())
                : parseInt(text).filter(value -> value >= min && value <= max).map(OptionalInt::of),
            value -> value.isPresent() ? String.valueOf(value.getAsInt()) : "off", false);
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
        }, String::valueOf, false);
    }

    /** A duration written as a number and a unit: {@code 500ms}, {@code 2s}, {@code 15m}, {@code 1h}, {@code 7d}. */
    public static Setting<Duration> duration(String key, Duration defaultValue, Duration min, Duration max) {
        return new Setting<>(key, defaultValue, "a duration from " + print(min) + " to " + print(max) + " (e.g. 500ms, 2s, 15m, 1h, 7d)",
            text -> parseDuration(text).filter(value -> value.compareTo(min) >= 0 && value.compareTo(max) <= 0),
            Setting::print, false);
    }

    /** A duration as {@link #duration}, or {@code off}: empty. */
    public static Setting<Optional<Duration>> durationOrOff(String key, Optional<Duration> defaultValue, Duration min, Duration max) {
        return new Setting<>(key, defaultValue, "off or a duration from " + print(min) + " to " + print(max) + " (e.g. 500ms, 2s, 15m, 1h, 7d)",
            text -> text.equalsIgnoreCase("off")
                ? Optional.of(Optional.<Duration>empty())
                : parseDuration(text).filter(value -> value.compareTo(min) >= 0 && value.compareTo(max) <= 0).map(Optional::of),
            value -> value.map(Setting::print).orElse("off"), false);
    }

    /** A setting of any type, given its parser and printer. */
    public static <V> Setting<V> of(String key, V defaultValue, String expected, Function<String, Optional<V>> parser,
                                    Function<V, String> printer) {
        return new Setting<>(key, defaultValue, expected, parser, printer, false);
    }

    /** The same setting, which may also be given per domain and per user. */
    public Setting<T> perUser() {
        return new Setting<>(key, defaultValue, expected, parser, printer, true);
    }

    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String print(Duration duration) {
        if (duration.toMillis() % 86_400_000 == 0 && !duration.isZero()) {
            return duration.toDays() + "d";
        }
        if (duration.toMillis() % 3_600_000 == 0 && !duration.isZero()) {
            return duration.toHours() + "h";
        }
        if (duration.toMillis() % 60_000 == 0 && !duration.isZero()) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    private static Optional<Duration> parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "ms":
                return Optional.of(Duration.ofMillis(amount));
            case "s":
                return Optional.of(Duration.ofSeconds(amount));
            case "m":
                return Optional.of(Duration.ofMinutes(amount));
            case "h":
                return Optional.of(Duration.ofHours(amount));
            default:
                return Optional.of(Duration.ofDays(amount));
        }
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

    /** The default as it is written in pop3x.properties. */
    public String printedDefault() {
        return printer.apply(defaultValue);
    }

    public boolean isPerUser() {
        return scoped;
    }

    /** The value an operator wrote under {@code writtenKey}, or the default when there is none. */
    T valueOf(String writtenKey, Optional<String> text) {
        if (text.isEmpty()) {
            return defaultValue;
        }
        String trimmed = text.get().trim();
        return parser.apply(trimmed)
            .orElseThrow(() -> new InvalidSettingException(writtenKey,
                "invalid value '" + trimmed + "' for key '" + writtenKey + "': expected " + expected));
    }

    @Override
    public String toString() {
        return key;
    }
}
