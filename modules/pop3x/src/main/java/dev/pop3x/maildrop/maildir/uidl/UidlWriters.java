package dev.pop3x.maildrop.maildir.uidl;

import java.time.Clock;

/** What numbers new mail in the previous server's files: Dovecot's uidlist, Courier's sizelist. */
public final class UidlWriters {
    private final UidAssignment dovecot;
    private final CourierSizelist.Numbering courier;

    public UidlWriters(Clock clock, boolean fsync) {
        this.dovecot = new UidAssignment(clock, fsync);
        this.courier = new CourierSizelist.Numbering(clock, fsync);
    }

    public UidAssignment dovecot() {
        return dovecot;
    }

    CourierSizelist.Numbering courier() {
        return courier;
    }
}
