package dev.pop3x.maildrop.james;

import java.util.List;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/**
 * The {@code james} backend: which unique-ids it gives ({@code james.uidl}) and whether LIST counts exactly what
 * RETR sends for mail stored with bare LF ({@code james.exact-octets}).
 */
@Singleton
public final class JamesBackendSettings {
    /** The form of unique-ids. */
    public enum UidlForm {
        /** The IMAP UID, as James's own POP3 server gives it: installing pop3x changes no client's UIDLs. */
        UID,
        /**
         * {@code <uidvalidity>-<uid>}: never reused, even when an INBOX is deleted and created again (James then
         * restarts UIDs at 1, and the stock form would make clients skip or repeat mail).
         */
        UIDVALIDITY_UID,
        /**
         * The message id, serialised: the unique-ids of James's distributed POP3 ({@code DistributedMailboxAdapter}),
         * listed in the order of its {@code pop3metadata} projection, so that its users' clients download nothing
         * again. Needs mailboxes with message ids (memory, Cassandra, distributed; not JPA).
         */
        MESSAGE_ID
    }

    public static final Setting<UidlForm> UIDL = Setting.oneOf("james.uidl", UidlForm.class, UidlForm.UID);
    public static final Setting<Boolean> EXACT_OCTETS = Setting.flag("james.exact-octets", true);

    public static final List<Setting<?>> ALL = List.of(UIDL, EXACT_OCTETS);

    private final Settings values;

    @Inject
    public JamesBackendSettings(Settings values) {
        this.values = values;
    }

    public UidlForm uidl() {
        return values.get(UIDL);
    }

    public boolean exactOctets() {
        return values.get(EXACT_OCTETS);
    }
}
