package dev.pop3x.maildrop;

import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.Username;

/**
 * The one spelling of what a lock or lease is about: the user in lower case, and the device after a '#', which no
 * user name can hold after its domain ({@code bob@example.com#phone}). The notes lock of a user uses the name
 * {@value #NOTES}, which no device can have (device names have no '.').
 */
public final class MaildropKey {
    /** What the short notes lock of a user is held on, in place of a device name. */
    public static final String NOTES = ".notes";

    private MaildropKey() {
    }

    public static String of(Username user, Optional<String> device) {
        return user.asString().toLowerCase(Locale.ROOT) + device.map(name -> "#" + name).orElse("");
    }

    public static String of(Username user) {
        return of(user, Optional.empty());
    }
}
