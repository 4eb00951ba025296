package dev.pop3x.it;

/**
 * The loopback ports a James home listens on. 0 lets the system pick a free port; the probes of the running
 * server tell which.
 */
public record ListenPorts(int pop3, int pop3s, int smtp, int webAdmin) {
    /** The ports conf/ names: POP3 1110 (STLS), POP3 over TLS 1995, SMTP 2525, WebAdmin 8000. */
    public static final ListenPorts SAMPLE = new ListenPorts(1110, 1995, 2525, 8000);
    public static final ListenPorts RANDOM = new ListenPorts(0, 0, 0, 0);

    public ListenPorts {
        for (int port : new int[] {pop3, pop3s, smtp, webAdmin}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
        }
    }
}
