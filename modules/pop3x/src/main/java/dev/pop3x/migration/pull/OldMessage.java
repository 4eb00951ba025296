package dev.pop3x.migration.pull;

/** A message of the previous server's maildrop: its number there, its unique-id, its LIST size, its header digest. */
final class OldMessage {
    private final int number;
    private final String uidl;
    private final long octets;
    private final String headerDigest;

    OldMessage(int number, String uidl, long octets, String headerDigest) {
        this.number = number;
        this.uidl = uidl;
        this.octets = octets;
        this.headerDigest = headerDigest;
    }

    int number() {
        return number;
    }

    String uidl() {
        return uidl;
    }

    long octets() {
        return octets;
    }

    String headerDigest() {
        return headerDigest;
    }
}
