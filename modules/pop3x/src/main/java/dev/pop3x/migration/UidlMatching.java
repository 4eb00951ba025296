package dev.pop3x.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * Pairs a map's entries with a maildrop's messages. Each entry takes the first message, in POP3's order, that it
 * matches and that no earlier entry took: copies of one message (the same Message-ID and size) pair in the order
 * both servers list them. A pair whose unique-id a message of the maildrop keeps answering (one no entry matched, or
 * one left out for that reason) is left out: two messages must never answer one unique-id.
 */
final class UidlMatching {
    private final int entries;
    private final int ambiguous;
    private final int unchanged;
    private final Map<MaildropMessage, String> changes;
    private final List<String> unmatched;
    private final List<String> collisions;

    private UidlMatching(int entries, int ambiguous, int unchanged, Map<MaildropMessage, String> changes, List<String> unmatched,
                         List<String> collisions) {
        this.entries = entries;
        this.ambiguous = ambiguous;
        this.unchanged = unchanged;
        this.changes = changes;
        this.unmatched = unmatched;
        this.collisions = collisions;
    }

    static UidlMatching of(UidlMap map, List<Fingerprint> fingerprints) {
        Map<String, List<MaildropMessage>> byKey = new HashMap<>();
        for (Fingerprint fingerprint : fingerprints) {
            for (String key : fingerprint.keys()) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(fingerprint.message());
            }
        }
        Set<MaildropMessage> taken = new HashSet<>();
        Map<MaildropMessage, String> paired = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        int ambiguous = 0;
        for (UidlMapEntry entry : map.entries()) {
            List<MaildropMessage> candidates = byKey.getOrDefault(Fingerprint.keyOf(entry), List.of()).stream()
                .filter(message -> !taken.contains(message))
                .limit(2)
                .collect(Collectors.toList());
            if (candidates.isEmpty()) {
                unmatched.add(entry.uidl());
                continue;
            }
            if (candidates.size() > 1) {
                ambiguous++;
            }
            taken.add(candidates.get(0));
            paired.put(candidates.get(0), entry.uidl());
        }
        Set<String> kept = fingerprints.stream().map(Fingerprint::message)
            .filter(message -> !paired.containsKey(message))
            .map(MaildropMessage::uniqueId)
            .collect(Collectors.toCollection(HashSet::new));
        List<String> collisions = new ArrayList<>();
        boolean settled = false;
        while (!settled) {
            settled = true;
            for (var pair = paired.entrySet().iterator(); pair.hasNext(); ) {
                Map.Entry<MaildropMessage, String> next = pair.next();
                if (kept.contains(next.getValue()) && !next.getKey().uniqueId().equals(next.getValue())) {
                    collisions.add(next.getValue());
                    kept.add(next.getKey().uniqueId());
                    pair.remove();
                    settled = false;
                }
            }
        }
        Map<MaildropMessage, String> changes = new LinkedHashMap<>(paired);
        changes.entrySet().removeIf(pair -> pair.getKey().uniqueId().equals(pair.getValue()));
        return new UidlMatching(map.entries().size(), ambiguous, paired.size() - changes.size(), changes, unmatched, collisions);
    }

    /** The messages whose unique-id changes, and to what. */
    Map<MaildropMessage, String> changes() {
        return changes;
    }

    ImportReport report(boolean dryRun) {
        return new ImportReport(dryRun, entries, changes.size() + unchanged, unchanged, ambiguous, unmatched, collisions);
    }
}
