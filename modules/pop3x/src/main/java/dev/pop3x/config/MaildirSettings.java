package dev.pop3x.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code maildir} backend: where each user's Maildir++ directory is, in the style of Dovecot's
 * {@code mail_location} ({@code %u} the whole user name, {@code %n} its local part, {@code %d} its domain, all in
 * lower case), and whether deliveries are flushed to disk before they are acknowledged. A relative location is
 * relative to James's working directory.
 */
public final class MaildirSettings {
    public static final Setting<String> LOCATION = Setting.of("maildir.location", "var/maildir/%d/%n/Maildir",
        "a path with %d and %n (or %u) in it, e.g. /var/mail/%d/%n/Maildir",
        text -> Optional.of(text).filter(MaildirSettings::isTemplate), location -> location);
    public static final Setting<Boolean> FSYNC = Setting.flag("maildir.fsync", true);

    static final List<Setting<?>> ALL = List.of(LOCATION, FSYNC);

    private final String location;
    private final boolean fsync;

    public MaildirSettings(String location, boolean fsync) {
        if (!isTemplate(location)) {
            throw new IllegalArgumentException("Not a maildir location template: " + location);
        }
        this.location = location;
        this.fsync = fsync;
    }

    public static MaildirSettings from(SettingsFile file) {
        return new MaildirSettings(file.get(LOCATION), file.get(FSYNC));
    }

    /** Each user needs a directory of their own: the user must be in the path, and only in directory names. */
    private static boolean isTemplate(String text) {
        boolean names = text.contains("%u") || (text.contains("%n") && text.contains("%d"));
        return names && !text.contains("..") && !text.isBlank() && !text.startsWith("%");
    }

    public String location() {
        return location;
    }

    public boolean fsync() {
        return fsync;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaildirSettings && ((MaildirSettings) o).location.equals(location) && ((MaildirSettings) o).fsync == fsync;
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, fsync);
    }

    @Override
    public String toString() {
        return "MaildirSettings{location=" + location + ", fsync=" + fsync + "}";
    }
}
