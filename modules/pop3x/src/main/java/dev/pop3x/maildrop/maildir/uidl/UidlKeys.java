package dev.pop3x.maildrop.maildir.uidl;

/** One message's keys for a {@link UidlTemplate}: its UID, the UIDVALIDITY, its base name and GUID. */
public final class UidlKeys implements UidlTemplate.Message {
    private final long uid;
    private final long uidValidity;
    private final String baseName;
    private final String guid;

    public UidlKeys(long uid, long uidValidity, String baseName, String guid) {
        this.uid = uid;
        this.uidValidity = uidValidity;
        this.baseName = baseName;
        this.guid = guid;
    }

    @Override
    public long uid() {
        return uid;
    }

    @Override
    public long uidValidity() {
        return uidValidity;
    }

    @Override
    public String baseName() {
        return baseName;
    }

    @Override
    public String guid() {
        return guid;
    }
}
