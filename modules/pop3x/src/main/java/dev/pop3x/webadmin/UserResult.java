package dev.pop3x.webadmin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pop3x.migration.ImportReport;

/**
 * One user's outcome in a bulk import or pull: the entries (the old server's messages), how they paired, and how many
 * messages here none matched; or why nothing was done for the user.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class UserResult {
    private final String user;
    private final int entries;
    private final int matched;
    private final int unchanged;
    private final int ambiguous;
    private final int unmatched;
    private final int collisions;
    private final int unpairedHere;
    private final String failure;

    public UserResult(@JsonProperty("user") String user, @JsonProperty("entries") int entries, @JsonProperty("matched") int matched,
                      @JsonProperty("unchanged") int unchanged, @JsonProperty("ambiguous") int ambiguous,
                      @JsonProperty("unmatched") int unmatched, @JsonProperty("collisions") int collisions,
                      @JsonProperty("unpairedHere") int unpairedHere, @JsonProperty("failure") String failure) {
        this.user = user;
        this.entries = entries;
        this.matched = matched;
        this.unchanged = unchanged;
        this.ambiguous = ambiguous;
        this.unmatched = unmatched;
        this.collisions = collisions;
        this.unpairedHere = unpairedHere;
        this.failure = failure;
    }

    static UserResult of(String user, ImportReport report) {
        return new UserResult(user, report.entries(), report.matched(), report.unchanged(), report.ambiguous(), report.unmatchedCount(),
            report.collisionCount(), report.unpairedHereCount(), null);
    }

    static UserResult failed(String user, String why) {
        return new UserResult(user, 0, 0, 0, 0, 0, 0, 0, why);
    }

    public String getUser() {
        return user;
    }

    public int getEntries() {
        return entries;
    }

    public int getMatched() {
        return matched;
    }

    public int getUnchanged() {
        return unchanged;
    }

    public int getAmbiguous() {
        return ambiguous;
    }

    public int getUnmatched() {
        return unmatched;
    }

    public int getCollisions() {
        return collisions;
    }

    public int getUnpairedHere() {
        return unpairedHere;
    }

    /** Why nothing was done for the user; absent when it was. */
    public String getFailure() {
        return failure;
    }

    boolean succeeded() {
        return failure == null;
    }
}
