package dev.pop3x.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the deletion policy knows of a message: its unique-id, its size as the quota counts it, arrival, and first retrieval. */
public final class PolicyMessage {
    private final String uniqueId;
    private final long octets;
    private final Instant received;
    private final Optional<Instant> retrieved;

    public PolicyMessage(String uniqueId, long octets, Instant received, Optional<Instant> retrieved) {
        this.uniqueId = Objects.requireNonNull(uniqueId);
        this.octets = octets;
        this.received = Objects.requireNonNull(received);
        this.retrieved = Objects.requireNonNull(retrieved);
    }

    public String uniqueId() {
        return uniqueId;
    }

    public long octets() {
        return octets;
    }

    public Instant received() {
        return received;
    }

    /** When a client first retrieved it in full; empty while nobody has: then the policy never chooses it. */
    public Optional<Instant> retrieved() {
        return retrieved;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PolicyMessage)) {
            return false;
        }
        PolicyMessage that = (PolicyMessage) o;
        return uniqueId.equals(that.uniqueId) && octets == that.octets && received.equals(that.received) && retrieved.equals(that.retrieved);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uniqueId, octets, received, retrieved);
    }

    @Override
    public String toString() {
        return uniqueId + "(" + octets + " octets, received " + received + retrieved.map(at -> ", retrieved " + at).orElse(", not retrieved") + ")";
    }
}
