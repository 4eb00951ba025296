package dev.pop3x.bench;

import java.util.List;
import java.util.Optional;

import dev.pop3x.it.CpuMeter;
import dev.pop3x.it.HeapMeter;

/**
 * One server under test (or the nodes of a cluster, the clients spread over them): where it listens, which domain's
 * users it serves, how much CPU it has used, and, for the servers in James's JVM, its live heap (and pop3x's store
 * calls).
 */
record Target(String name, Kind kind, List<Integer> ports, String domain, CpuMeter cpu, Optional<HeapMeter> heap,
              Optional<StoreCallsMeter> storeCalls) {
    Target(String name, Kind kind, int port, String domain, CpuMeter cpu, Optional<HeapMeter> heap) {
        this(name, kind, List.of(port), domain, cpu, heap, Optional.empty());
    }

    /** pop3x in James's JVM: its store calls are counted. */
    Target(String name, Kind kind, int port, String domain, CpuMeter cpu, Optional<HeapMeter> heap, StoreCallsMeter storeCalls) {
        this(name, kind, List.of(port), domain, cpu, heap, Optional.of(storeCalls));
    }

    /** Where the target's mail lives: Maildirs, or James's mailboxes. */
    enum Kind { MAILDIR, JAMES }

    /** The first node's port. */
    int port() {
        return ports.get(0);
    }

    /** The port client number {@code client} uses: the nodes in turn. */
    int port(int client) {
        return ports.get(client % ports.size());
    }

    String user(String localPart) {
        return localPart + "@" + domain;
    }
}
