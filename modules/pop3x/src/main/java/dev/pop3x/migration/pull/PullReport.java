package dev.pop3x.migration.pull;

import dev.pop3x.migration.ImportReport;

/** What a pull found: how many messages the previous server listed, and how the import paired them here. */
public final class PullReport {
    private final int oldMessages;
    private final ImportReport pairing;

    PullReport(int oldMessages, ImportReport pairing) {
        this.oldMessages = oldMessages;
        this.pairing = pairing;
    }

    /** Messages the previous server listed. */
    public int oldMessages() {
        return oldMessages;
    }

    /**
     * The pairing, as an import reports it: the previous server's messages that matched none here are its unmatched,
     * the messages here that none of the previous server's matched its unpaired-here.
     */
    public ImportReport pairing() {
        return pairing;
    }

    @Override
    public String toString() {
        return "old=" + oldMessages + " " + pairing + " unpairedHere=" + pairing.unpairedHereCount();
    }
}
