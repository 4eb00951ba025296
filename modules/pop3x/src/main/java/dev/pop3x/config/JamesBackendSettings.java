package dev.pop3x.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code james} backend: which unique-ids it gives ({@code james.uidl}) and whether LIST counts exactly what
 * RETR sends for mail stored with bare LF ({@code james.exact-octets}).
 */
public final class JamesBackendSettings {
    /** The form of unique-ids. */
    public enum UidlForm {
        /** The IMAP UID, as James's own POP3 server gives it: installing pop3x changes no client's UIDLs. */
        UID,
        /**
         * {@code <uidvalidity>-<uid>}: never reused, even when an INBOX is deleted and created again (James then
         * restarts UIDs at 1, and the stock form would make clients skip or repeat mail).
         */
        UIDVALIDITY_UID
    }

    public static final Setting<UidlForm> UIDL = Setting.oneOf("james.uidl", UidlForm.class, UidlForm.UID);
    public static final Setting<Boolean> EXACT_OCTETS = Setting.flag("james.exact-octets", true);

    static final List<Setting<?>> ALL = List.of(UIDL, EXACT_OCTETS);

    private final UidlForm uidl;
    private final boolean exactOctets;

    public JamesBackendSettings(UidlForm uidl, boolean exactOctets) {
        this.uidl = Objects.requireNonNull(uidl);
        this.exactOctets = exactOctets;
    }

    public static JamesBackendSettings from(SettingsFile file) {
        return new JamesBackendSettings(file.get(UIDL), file.get(EXACT_OCTETS));
    }

    public UidlForm uidl() {
        return uidl;
    }

    public boolean exactOctets() {
        return exactOctets;
    }

    @Override
    public String toString() {
        return "JamesBackendSettings{uidl=" + uidl + ", exactOctets=" + exactOctets + "}";
    }
}
