package dev.pop3x.migration.pull;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a pull logs in to the previous server as one user: with the user's own password, or as a master user (Dovecot's
 * {@code user*master} login, or SASL PLAIN with the user as authorization identity, RFC 4616). Its {@link #toString}
 * never shows a password.
 */
public final class Credentials {
    /** How a master user logs in as another user. */
    public enum MasterStyle {
        /** {@code USER <login>*<master>}, {@code PASS <master's password>}: Dovecot's {@code auth_master_user_separator}. */
        DOVECOT,
        /** {@code AUTH PLAIN} with the user as authorization identity and the master as authentication identity. */
        SASL
    }

    private final String login;
    private final String password;
    private final Optional<String> master;
    private final MasterStyle style;

    private Credentials(String login, String password, Optional<String> master, MasterStyle style) {
        if (login == null || login.isEmpty() || login.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a login must be a name without spaces or control characters");
        }
        if (password == null || password.isEmpty() || password.indexOf('\r') >= 0 || password.indexOf('\n') >= 0 || password.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the password of " + login + " must be non-empty, without CR, LF or NUL");
        }
        master.ifPresent(name -> {
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("a master user must be a name without spaces or control characters");
            }
        });
        this.login = login;
        this.password = password;
        this.master = master;
        this.style = Objects.requireNonNull(style);
    }

    /** The user's own login and password. */
    public static Credentials ofUser(String login, String password) {
        return new Credentials(login, password, Optional.empty(), MasterStyle.DOVECOT);
    }

    /** A master user's name and password, to log in as {@code login}. */
    public static Credentials ofMaster(String login, String master, String masterPassword, MasterStyle style) {
        return new Credentials(login, masterPassword, Optional.of(master), style);
    }

    /** The same secret, for another user (a master user's, for each user of a bulk pull). */
    public Credentials forLogin(String otherLogin) {
        return new Credentials(otherLogin, password, master, style);
    }

    public String login() {
        return login;
    }

    String password() {
        return password;
    }

    public Optional<String> master() {
        return master;
    }

    public MasterStyle style() {
        return style;
    }

    @Override
    public String toString() {
        return login + master.map(name -> " as master " + name + " (" + style.name().toLowerCase(Locale.ROOT) + ")").orElse("");
    }
}
