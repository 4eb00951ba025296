package dev.pop3x.devices;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.core.Username;

/**
 * A login name with a device tag: {@code bob+phone@example.com} is {@code bob@example.com} on the device
 * {@code phone}, the form every client's user-name field accepts (and SASL PLAIN's authorization identity). Device
 * names are 1 to 32 letters, digits, '-' or '_', compared in lower case.
 */
public final class DeviceLogin {
    private static final Pattern TAGGED = Pattern.compile("([^+@]+)\\+([A-Za-z0-9_-]{1,32})(@.+)?");

    private final Username user;
    private final String device;

    private DeviceLogin(Username user, String device) {
        this.user = user;
        this.device = device;
    }

    /** The user and device a tagged name gives; empty for a name without a tag, or a tag that is no device name. */
    public static Optional<DeviceLogin> parse(String name) {
        Matcher matcher = TAGGED.matcher(name.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            Username user = Username.of(matcher.group(1) + Optional.ofNullable(matcher.group(3)).orElse(""));
            return Optional.of(new DeviceLogin(user, matcher.group(2).toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean isDeviceName(String name) {
        return name.matches("[a-z0-9_-]{1,32}");
    }

    public Username user() {
        return user;
    }

    public String device() {
        return device;
    }
}
