package dev.pop3x.maildrop;

import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.Username;

import com.google.common.collect.ImmutableMap;

/**
 * Opens each user's maildrop in the backend {@code maildrop.backend} names for the user or their domain.
 * Backends are bound by name in a Guice {@code MapBinder<String, MaildropStore>}, so an extension can add one.
 * With {@code maildrop.reuse-xuidl}, the maildrop lists messages by their {@code X-UIDL} ({@link XUidlMaildrop}). The
 * maildrop's notes are updated under the user's notes lock ({@link LockedNotes}), whichever the backend.
 */
public final class MaildropRouter implements MaildropStore {
    private final Map<String, MaildropStore> backends;
    private final MaildropSettings settings;
    private final MaildropLocks locks;

    @Inject
    public MaildropRouter(Map<String, MaildropStore> backends, MaildropSettings settings, MaildropLocks locks) {
        this.backends = ImmutableMap.copyOf(backends);
        this.settings = settings;
        this.locks = locks;
    }

    @Override
    public Maildrop open(Username user) throws MaildropException {
        String name = settings.backend().forUser(user);
        MaildropStore backend = backends.get(name);
        if (backend == null) {
            throw MaildropException.permanent("No maildrop backend named " + name + " for " + user.asString(), null);
        }
        Maildrop opened = backend.open(user);
        Maildrop maildrop = new WithLockedNotes(opened, new LockedNotes(opened.notes(), locks, user));
        return settings.reuseXuidl().forUser(user) ? XUidlMaildrop.over(maildrop) : maildrop;
    }

    private static final class WithLockedNotes extends ForwardingMaildrop {
        private final MaildropNotes notes;

        WithLockedNotes(Maildrop maildrop, MaildropNotes notes) {
            super(maildrop);
            this.notes = notes;
        }

        @Override
        public MaildropNotes notes() {
            return notes;
        }
    }
}
