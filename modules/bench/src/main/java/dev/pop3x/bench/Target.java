package dev.pop3x.bench;

import java.util.Optional;

import dev.pop3x.it.CpuMeter;
import dev.pop3x.it.HeapMeter;

/**
 * One server under test: where it listens, which domain's users it serves, how much CPU it has used, and, for the
 * servers in James's JVM, its live heap.
 */
record Target(String name, Kind kind, int port, String domain, CpuMeter cpu, Optional<HeapMeter> heap) {
    /** Where the target's mail lives: Maildirs, or James's mailboxes. */
    enum Kind { MAILDIR, JAMES }

    String user(String localPart) {
        return localPart + "@" + domain;
    }
}
