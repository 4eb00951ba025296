package dev.pop3x.protocol;

import java.util.List;
import java.util.OptionalInt;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.pop3x.config.PerUser;
import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/**
 * Settings of a POP3 session: the minimum time between two logins (RFC 2449 LOGIN-DELAY), the language of texts,
 * and from how many messages downloaded again in one session a warning says that the UIDLs may have changed.
 */
@Singleton
public final class SessionSettings {
    public static final Setting<Integer> LOGIN_DELAY = Setting.integer("login-delay.seconds", 0, 0, 86_400).perUser();
    public static final Setting<Language> LANGUAGE = Setting.oneOf("lang.default", Language.class, Language.EN);
    public static final Setting<OptionalInt> REDOWNLOAD_WARNING =
        Setting.integerOrOff("redownload.warning", OptionalInt.of(20), 1, 1_000_000).perUser();

    public static final List<Setting<?>> ALL = List.of(LOGIN_DELAY, LANGUAGE, REDOWNLOAD_WARNING);

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

    /**
     * From how many messages a session retrieves again (retrieved in full by some client before it logged in) a
     * warning is logged: a re-download storm, the mark of UIDLs that changed; empty: never.
     */
    public PerUser<OptionalInt> redownloadWarning() {
        return values.perUser(REDOWNLOAD_WARNING);
    }
}
