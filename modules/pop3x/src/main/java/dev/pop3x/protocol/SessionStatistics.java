package dev.pop3x.protocol;

/** What one session did, for its logout line (like Dovecot's pop3_logout_format). */
final class SessionStatistics {
    private int commands;
    private int retrieved;
    private long retrievedOctets;
    private int retrievedAgain;
    private int retrievedNew;
    private int topped;
    private int expunged;
    private long expungedOctets;
    private int expired;
    private long expiredOctets;

    void command() {
        commands++;
    }

    int commands() {
        return commands;
    }

    /** Whether the session retrieved a message no client had retrieved before. */
    boolean retrievedNewMail() {
        return retrievedNew > 0;
    }

    /** A message retrieved in full that no client had retrieved before. */
    void retrievedNew() {
        retrievedNew++;
    }

    void retrieved(long octets) {
        retrieved++;
        retrievedOctets += octets;
    }

    /**
     * A message retrieved in full that a client had retrieved before this session, counted once per message.
     * @return how many such messages so far, this one included
     */
    int retrievedAgain() {
        return ++retrievedAgain;
    }

    void topped() {
        topped++;
    }

    void expunged(int count, long octets) {
        expunged += count;
        expungedOctets += octets;
    }

    void expired(int count, long octets) {
        expired += count;
        expiredOctets += octets;
    }

    /** Messages gone in the UPDATE state: the client's deletions and the policy's. */
    int expungedCount() {
        return expunged + expired;
    }

    String describe() {
        return "commands=" + commands + " retr=" + retrieved + "/" + retrievedOctets + " again=" + retrievedAgain + " top=" + topped
            + " del=" + expunged + "/" + expungedOctets + " expired=" + expired + "/" + expiredOctets;
    }
}
