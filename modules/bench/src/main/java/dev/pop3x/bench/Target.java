package dev.pop3x.bench;

/** One server under test: where it listens, which domain's users it serves, and how much CPU it has used. */
record Target(String name, Kind kind, int port, String domain, CpuMeter cpu) {
    /** Where the target's mail lives: Maildirs, or James's mailboxes. */
    enum Kind { MAILDIR, JAMES }

    String user(String localPart) {
        return localPart + "@" + domain;
    }
}
