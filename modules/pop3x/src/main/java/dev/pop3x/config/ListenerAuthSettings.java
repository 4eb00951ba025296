package dev.pop3x.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableMap;

/**
 * The {@code <auth>} block of each enabled {@code <pop3server>} of {@code pop3server.xml}, found for a session by
 * the local port it connected to. James builds one handler chain per server but tells handlers nothing of their
 * server, hence the lookup by port. Servers bound to port 0 (tests) cannot be told apart by port, so they must
 * share one {@code <auth>} block; start-up fails otherwise.
 */
public final class ListenerAuthSettings {
    private final Map<Integer, AuthSettings> byPort;
    private final AuthSettings fallback;

    private ListenerAuthSettings(Map<Integer, AuthSettings> byPort, AuthSettings fallback) {
        this.byPort = ImmutableMap.copyOf(byPort);
        this.fallback = fallback;
    }

    public static ListenerAuthSettings of(AuthSettings everywhere) {
        return new ListenerAuthSettings(Map.of(), everywhere);
    }

    /** @param pop3servers the root of pop3server.xml */
    public static ListenerAuthSettings parse(HierarchicalConfiguration<ImmutableNode> pop3servers) throws ConfigurationException {
        Map<Integer, AuthSettings> byPort = new HashMap<>();
        List<AuthSettings> all = new ArrayList<>();
        boolean anyRandomPort = false;
        for (HierarchicalConfiguration<ImmutableNode> server : pop3servers.configurationsAt("pop3server")) {
            if (!server.getBoolean("[@enabled]", true)) {
                continue;
            }
            AuthSettings settings = AuthSettings.parse(server);
            all.add(settings);
            for (String bind : Splitter.on(',').trimResults().omitEmptyStrings().split(server.getString("bind", "0.0.0.0:110"))) {
                int port = Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1).trim());
                anyRandomPort |= port == 0;
                if (port != 0) {
                    byPort.put(port, settings);
                }
            }
        }
        if (all.isEmpty()) {
            return of(AuthSettings.DEFAULT);
        }
        boolean allSame = all.stream().allMatch(settings -> settings.sameAs(all.get(0)));
        if (anyRandomPort && !allSame) {
            throw new ConfigurationException("pop3server.xml: POP3 servers bound to port 0 must share the same <auth> block, "
                + "because pop3x tells servers apart by their port");
        }
        return new ListenerAuthSettings(byPort, all.get(0));
    }

    public AuthSettings forLocalPort(int port) {
        return Optional.ofNullable(byPort.get(port)).orElse(fallback);
    }

    /** Whether some listener offers OAUTHBEARER/XOAUTH2. */
    public boolean anyOidc() {
        return fallback.oidc().isPresent() || byPort.values().stream().anyMatch(settings -> settings.oidc().isPresent());
    }
}
