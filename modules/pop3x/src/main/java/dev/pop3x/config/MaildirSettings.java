package dev.pop3x.config;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The {@code maildir} backend: where each user's Maildir++ directory is, in the style of Dovecot's
 * {@code mail_location} ({@code %u} the whole user name, {@code %n} its local part, {@code %d} its domain, all in
 * lower case), and whether deliveries are flushed to disk before they are acknowledged. A relative location is
 * relative to James's working directory.
 */
@Singleton
public final class MaildirSettings {
    public static final Setting<String> LOCATION = Setting.of("maildir.location", "var/maildir/%d/%n/Maildir",
        "a path with %d and %n (or %u) in it, e.g. /var/mail/%d/%n/Maildir",
        text -> Optional.of(text).filter(MaildirSettings::isTemplate), location -> location);
    public static final Setting<Boolean> FSYNC = Setting.flag("maildir.fsync", true);

    static final List<Setting<?>> ALL = List.of(LOCATION, FSYNC);

    private final Settings values;

    @Inject
    public MaildirSettings(Settings values) {
        this.values = values;
    }

    /** Each user needs a directory of their own: the user must be in the path, and only in directory names. */
    private static boolean isTemplate(String text) {
        boolean names = text.contains("%u") || (text.contains("%n") && text.contains("%d"));
        return names && !text.contains("..") && !text.isBlank() && !text.startsWith("%");
    }

    public String location() {
        return values.get(LOCATION);
    }

    public boolean fsync() {
        return values.get(FSYNC);
    }
}
