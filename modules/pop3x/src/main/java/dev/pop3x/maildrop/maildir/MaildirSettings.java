package dev.pop3x.maildrop.maildir;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.pop3x.config.PerUser;
import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;
import dev.pop3x.maildrop.maildir.uidl.UidlScheme;

/**
 * The {@code maildir} backend: where each user's Maildir++ directory is, in the style of Dovecot's
 * {@code mail_location} ({@code %u} the whole user name, {@code %n} its local part, {@code %d} its domain, all in
 * lower case), and whether deliveries are flushed to disk before they are acknowledged. A relative location is
 * relative to James's working directory; and the unique-ids, Courier's or in Dovecot's {@code pop3_uidl_format}
 * syntax, so that mail the previous server served keeps its UIDLs.
 */
@Singleton
public final class MaildirSettings {
    public static final Setting<String> LOCATION = Setting.of("maildir.location", "var/maildir/%d/%n/Maildir",
        "a path with %d and %n (or %u) in it, e.g. /var/mail/%d/%n/Maildir",
        text -> Optional.of(text).filter(MaildirSettings::isTemplate), location -> location);
    public static final Setting<Boolean> FSYNC = Setting.flag("maildir.fsync", true);
    public static final Setting<UidlScheme> UIDL = Setting.of("maildir.uidl", UidlScheme.parse("%f"),
        "courier (Courier's courierpop3dsizelist), or a Dovecot pop3_uidl_format template of %u, %v, %f, %g, e.g. %08Xu%08Xv"
            + " (Dovecot's default) or %f",
        MaildirSettings::scheme, UidlScheme::toString).perUser();

    public static final List<Setting<?>> ALL = List.of(LOCATION, FSYNC, UIDL);

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

    private static Optional<UidlScheme> scheme(String text) {
        try {
            return Optional.of(UidlScheme.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String location() {
        return values.get(LOCATION);
    }

    public boolean fsync() {
        return values.get(FSYNC);
    }

    /** How each user's messages are named in UIDL: Courier's or Dovecot's way, per domain and per user. */
    public PerUser<UidlScheme> uidl() {
        return values.perUser(UIDL);
    }
}
