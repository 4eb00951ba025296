package dev.pop3x.migration;

import java.util.List;

/**
 * What an import found in one maildrop: how many of the map's entries matched a message (of which how many that
 * message already answered, and how many were paired in order among messages that could not be told apart), how many
 * matched none, how many were left out because another message of the maildrop answers that unique-id, and how many
 * messages of the maildrop no entry matched. The unique-ids of each kind are listed, the first {@value #LISTED}.
 */
public final class ImportReport {
    public static final int LISTED = 100;

    private final boolean dryRun;
    private final int entries;
    private final int matched;
    private final int unchanged;
    private final int ambiguous;
    private final List<String> unmatched;
    private final int unmatchedCount;
    private final List<String> collisions;
    private final int collisionCount;
    private final List<String> unpairedHere;
    private final int unpairedHereCount;

    ImportReport(boolean dryRun, int entries, int matched, int unchanged, int ambiguous, List<String> unmatched, List<String> collisions,
                 List<String> unpairedHere) {
        this.unpairedHereCount = unpairedHere.size();
        this.unpairedHere = List.copyOf(unpairedHere.subList(0, Math.min(LISTED, unpairedHere.size())));
        this.dryRun = dryRun;
        this.entries = entries;
        this.matched = matched;
        this.unchanged = unchanged;
        this.ambiguous = ambiguous;
        this.unmatchedCount = unmatched.size();
        this.unmatched = List.copyOf(unmatched.subList(0, Math.min(LISTED, unmatched.size())));
        this.collisionCount = collisions.size();
        this.collisions = List.copyOf(collisions.subList(0, Math.min(LISTED, collisions.size())));
    }

    public boolean dryRun() {
        return dryRun;
    }

    public int entries() {
        return entries;
    }

    /** Entries matched to a message, which answers (or, in a dry run, would answer) their unique-id. */
    public int matched() {
        return matched;
    }

    /** Of the matched, those whose message already answered that unique-id (an import run twice). */
    public int unchanged() {
        return unchanged;
    }

    /** Of the matched, those paired in order among several messages with the same Message-ID and size, or digest. */
    public int ambiguous() {
        return ambiguous;
    }

    public int unmatchedCount() {
        return unmatchedCount;
    }

    public List<String> unmatched() {
        return unmatched;
    }

    public int collisionCount() {
        return collisionCount;
    }

    public List<String> collisions() {
        return collisions;
    }

    /** Messages of the maildrop that no entry matched (mail the previous server did not have, or no longer has). */
    public int unpairedHereCount() {
        return unpairedHereCount;
    }

    /** Their unique-ids here. */
    public List<String> unpairedHere() {
        return unpairedHere;
    }

    @Override
    public String toString() {
        return "entries=" + entries + " matched=" + matched + " unchanged=" + unchanged + " ambiguous=" + ambiguous
            + " unmatched=" + unmatchedCount + " collisions=" + collisionCount + (dryRun ? " (dry run)" : "");
    }
}
