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
 * one left out for that reason) is left out: two messages must never answer one unique-id. An entry found by its
 * header digest takes a message of its size first. The messages no entry matched are reported.
 */
final class UidlMatching {
    private final int entries;
    private final int ambiguous;
    private final int unchanged;
    private final Map<MaildropMessage, String> changes;
    private final List<String> unmatched;
    private final List<String> collisions;
    private final List<String> unpairedHere;

    private UidlMatching(int entries, int ambiguous, int unchanged, Map<MaildropMessage, String> changes, List<String> unmatched,
                         List<String> collisions, List<String> unpairedHere) {
        this.unpairedHere = unpairedHere;
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
        Map<UidlMapEntry, MaildropMessage> chosen = new HashMap<>();
        int ambiguous = 0;
        // sizes first: an entry found by its header digest takes a message of its size in the first pass, any in the second
        for (boolean anySize : new boolean[] {false, true}) {
            for (UidlMapEntry entry : map.entries()) {
                if (chosen.containsKey(entry) || (anySize && entry.headerDigest().isEmpty())) {
                    continue;
                }
                List<MaildropMessage> candidates = candidates(entry, byKey.getOrDefault(Fingerprint.keyOf(entry), List.of()), taken, anySize);
                if (candidates.isEmpty()) {
                    continue;
                }
                if (candidates.size() > 1) {
                    ambiguous++;
                }
                taken.add(candidates.get(0));
                chosen.put(entry, candidates.get(0));
            }
        }
        Map<MaildropMessage, String> paired = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        for (UidlMapEntry entry : map.entries()) {
            MaildropMessage message = chosen.get(entry);
            if (message == null) {
                unmatched.add(entry.uidl());
            } else {
                paired.put(message, entry.uidl());
            }
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
        List<String> unpairedHere = fingerprints.stream().map(Fingerprint::message)
            .filter(message -> !taken.contains(message))
            .map(MaildropMessage::uniqueId)
            .collect(Collectors.toList());
        return new UidlMatching(map.entries().size(), ambiguous, paired.size() - changes.size(), changes, unmatched, collisions,
            unpairedHere);
    }

    /**
     * The messages the entry may take, the one it takes first; two at most, enough to tell an ambiguous pairing. By a
     * header digest, only those of the entry's size unless any size will do.
     */
    private static List<MaildropMessage> candidates(UidlMapEntry entry, List<MaildropMessage> found, Set<MaildropMessage> taken,
                                                    boolean anySize) {
        return found.stream()
            .filter(message -> !taken.contains(message))
            .filter(message -> anySize || entry.headerDigest().isEmpty() || message.octets() == entry.octets().getAsLong())
            .limit(2)
            .collect(Collectors.toList());
    }

    /** The messages whose unique-id changes, and to what. */
    Map<MaildropMessage, String> changes() {
        return changes;
    }

    ImportReport report(boolean dryRun) {
        return new ImportReport(dryRun, entries, changes.size() + unchanged, unchanged, ambiguous, unmatched, collisions, unpairedHere);
    }
}
