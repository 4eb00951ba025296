package dev.pop3x.config;

import java.util.List;

import javax.inject.Inject;
import javax.inject.Singleton;

/** Settings of a POP3 session: the minimum time between two logins (RFC 2449 LOGIN-DELAY), the language of texts. */
@Singleton
public final class SessionSettings {
    public static final Setting<Integer> LOGIN_DELAY = Setting.integer("login-delay.seconds", 0, 0, 86_400).perUser();
    public static final Setting<Language> LANGUAGE = Setting.oneOf("lang.default", Language.class, Language.EN);

    static final List<Setting<?>> ALL = List.of(LOGIN_DELAY, LANGUAGE);

    private final Settings values;

    @Inject
    public SessionSettings(Settings values) {
        this.values = values;
    }

    public PerUser<Integer> loginDelaySeconds() {
        return values.perUser(LOGIN_DELAY);
    }

    public Language defaultLanguage() {
        return values.get(LANGUAGE);
    }
}
