package dev.pop3x.policy;

/** What ran the deletion policy, as the audit lines name it. */
public enum PolicyTrigger {
    /** the UPDATE state of a session */
    QUIT("QUIT"),
    /** the sweeper, for users who do not log in */
    SWEEPER("sweeper"),
    /** an administrator, through WebAdmin */
    WEBADMIN("webadmin");

    private final String name;

    PolicyTrigger(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
