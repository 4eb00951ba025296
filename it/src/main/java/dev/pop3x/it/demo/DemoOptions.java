package dev.pop3x.it.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pop3x.it.ListenPorts;

/**
 * The demo's ports: a flag wins over an environment variable, which wins over the port in conf/.
 *
 * <pre>
 *   --pop3-port N      POP3X_DEMO_POP3_PORT      (default 1110)
 *   --pop3s-port N     POP3X_DEMO_POP3S_PORT     (default 1995)
 *   --smtp-port N      POP3X_DEMO_SMTP_PORT      (default 2525)
 *   --webadmin-port N  POP3X_DEMO_WEBADMIN_PORT  (default 8000)
 * </pre>
 */
record DemoOptions(ListenPorts ports) {
    static final String USAGE = "usage: ./demo [--pop3-port N] [--pop3s-port N] [--smtp-port N] [--webadmin-port N]\n"
        + "  or set POP3X_DEMO_POP3_PORT, POP3X_DEMO_POP3S_PORT, POP3X_DEMO_SMTP_PORT, POP3X_DEMO_WEBADMIN_PORT";

    private static final Map<String, String> ENVIRONMENT_OF_FLAG = Map.of(
        "--pop3-port", "POP3X_DEMO_POP3_PORT",
        "--pop3s-port", "POP3X_DEMO_POP3S_PORT",
        "--smtp-port", "POP3X_DEMO_SMTP_PORT",
        "--webadmin-port", "POP3X_DEMO_WEBADMIN_PORT");

    static DemoOptions parse(List<String> args, Map<String, String> environment) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (!ENVIRONMENT_OF_FLAG.containsKey(flag) || i + 1 == args.size()) {
                throw new IllegalArgumentException("Unknown or incomplete option '" + flag + "'\n" + USAGE);
            }
            flags.put(flag, args.get(++i));
        }
        ListenPorts sample = ListenPorts.SAMPLE;
        return new DemoOptions(new ListenPorts(
            port("--pop3-port", flags, environment, sample.pop3()),
            port("--pop3s-port", flags, environment, sample.pop3s()),
            port("--smtp-port", flags, environment, sample.smtp()),
            port("--webadmin-port", flags, environment, sample.webAdmin())));
    }

    private static int port(String flag, Map<String, String> flags, Map<String, String> environment, int defaultPort) {
        String variable = ENVIRONMENT_OF_FLAG.get(flag);
        Optional<String> text = Optional.ofNullable(flags.get(flag)).or(() -> Optional.ofNullable(environment.get(variable)));
        if (text.isEmpty()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(text.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " / " + variable + ": not a port number: '" + text.get() + "'\n" + USAGE);
        }
    }
}
