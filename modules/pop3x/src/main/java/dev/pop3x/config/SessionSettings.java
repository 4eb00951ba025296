package dev.pop3x.config;

import java.util.List;
import java.util.Objects;

/**
 * Settings of a POP3 session: the minimum time between two logins (RFC 2449 LOGIN-DELAY), the retention of
 * retrieved mail the server announces (EXPIRE), and the language of response texts.
 */
public final class SessionSettings {
    public static final Setting<Integer> LOGIN_DELAY = Setting.integer("login-delay.seconds", 0, 0, 86_400).perUser();
    public static final Setting<Expiry> EXPIRE = Setting.of("expire.days", Expiry.NEVER,
        "never or a number of days from 0 to " + Expiry.MAX_DAYS, Expiry::parse, Expiry::asSetting).perUser();
    public static final Setting<Language> LANGUAGE = Setting.oneOf("lang.default", Language.class, Language.EN);

    static final List<Setting<?>> ALL = List.of(LOGIN_DELAY, EXPIRE, LANGUAGE);

    private final PerUser<Integer> loginDelaySeconds;
    private final PerUser<Expiry> expire;
    private final Language defaultLanguage;

    public SessionSettings(PerUser<Integer> loginDelaySeconds, PerUser<Expiry> expire, Language defaultLanguage) {
        this.loginDelaySeconds = Objects.requireNonNull(loginDelaySeconds);
        this.expire = Objects.requireNonNull(expire);
        this.defaultLanguage = Objects.requireNonNull(defaultLanguage);
    }

    public static SessionSettings from(SettingsFile file) {
        return new SessionSettings(file.getPerUser(LOGIN_DELAY), file.getPerUser(EXPIRE), file.get(LANGUAGE));
    }

    public PerUser<Integer> loginDelaySeconds() {
        return loginDelaySeconds;
    }

    public PerUser<Expiry> expire() {
        return expire;
    }

    public Language defaultLanguage() {
        return defaultLanguage;
    }

    @Override
    public String toString() {
        return "SessionSettings{loginDelaySeconds=" + loginDelaySeconds
            + ", expire=" + expire + ", defaultLanguage=" + defaultLanguage + "}";
    }
}
