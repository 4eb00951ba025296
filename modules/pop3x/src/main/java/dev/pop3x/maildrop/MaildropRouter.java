package dev.pop3x.maildrop;

import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.Username;

import com.google.common.collect.ImmutableMap;

import dev.pop3x.config.MaildropSettings;

/**
 * Opens each user's maildrop in the backend {@code maildrop.backend} names for the user or their domain.
 * Backends are bound by name in a Guice {@code MapBinder<String, MaildropStore>}, so an extension can add one.
 * With {@code maildrop.reuse-xuidl}, the maildrop lists messages by their {@code X-UIDL} ({@link XUidlMaildrop}).
 */
public final class MaildropRouter implements MaildropStore {
    private final Map<String, MaildropStore> backends;
    private final MaildropSettings settings;

    @Inject
    public MaildropRouter(Map<String, MaildropStore> backends, MaildropSettings settings) {
        this.backends = ImmutableMap.copyOf(backends);
        this.settings = settings;
    }

    @Override
    public Maildrop open(Username user) throws MaildropException {
        String name = settings.backend().forUser(user);
        MaildropStore backend = backends.get(name);
        if (backend == null) {
            throw MaildropException.permanent("No maildrop backend named " + name + " for " + user.asString(), null);
        }
        Maildrop maildrop = backend.open(user);
        return settings.reuseXuidl().forUser(user) ? XUidlMaildrop.over(maildrop) : maildrop;
    }
}
