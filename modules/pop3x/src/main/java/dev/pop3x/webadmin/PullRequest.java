package dev.pop3x.webadmin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pop3x.migration.pull.Credentials;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.TlsMode;

/**
 * A pull request: the previous server and how to log in there. The body names no secret, since James's WebAdmin
 * logs every request's body: the password comes in a header, or for many users from a file on the James node.
 *
 * <pre>
 * X-Pop3x-Password: (the user's password on the old server)
 * {"host": "pop.old.example", "port": 995, "tls": {"mode": "implicit"}, "timeoutSeconds": 60, "login": "bob"}
 *
 * X-Pop3x-Master-Password: (the master user's password)
 * {"host": "pop.old.example", "port": 110, "tls": {"mode": "stls", "trustAll": true},
 *  "master": {"user": "admin", "style": "dovecot"}}
 * </pre>
 *
 * {@code tls.mode} is {@code stls}, {@code implicit} or {@code none}; certificates are checked against the JDK's
 * authorities unless {@code tls.truststore} names a PKCS#12 or JKS file, or {@code tls.trustAll} is true (never the
 * default). {@code login} is the user's name on the old server (default: their name here). Errors never quote a
 * password.
 */
final class PullRequest {
    static final String PASSWORD_HEADER = "X-Pop3x-Password";
    static final String MASTER_PASSWORD_HEADER = "X-Pop3x-Master-Password";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PullRequest() {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            if (!root.findValues("password").isEmpty()) {
                throw new IllegalArgumentException("no password in the body, which James's WebAdmin logs: give it in the " + PASSWORD_HEADER
                    + " or " + MASTER_PASSWORD_HEADER + " header, or many users' in a \"passwordFile\"");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    static OldServer server(JsonNode root) {
        JsonNode tls = root.path("tls");
        if (!tls.isObject() || !tls.path("mode").isTextual()) {
            throw new IllegalArgumentException("\"tls\": {\"mode\": \"stls\" | \"implicit\" | \"none\"} is required");
        }
        TlsMode mode;
        try {
            mode = TlsMode.valueOf(tls.get("mode").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls.mode must be stls, implicit or none, not '" + tls.get("mode").asText() + "'");
        }
        if (!root.path("host").isTextual() || !root.path("port").isInt()) {
            throw new IllegalArgumentException("\"host\" (a string) and \"port\" (a number) are required");
        }
        Optional<Path> truststore = tls.path("truststore").isTextual() ? Optional.of(Path.of(tls.get("truststore").asText())) : Optional.empty();
        return new OldServer(root.get("host").asText(), root.get("port").asInt(), mode, tls.path("trustAll").asBoolean(false), truststore,
            Duration.ofSeconds(root.path("timeoutSeconds").asLong(60)));
    }

    /** The master user, when the request names one; their password is in the header. */
    static Optional<Credentials> master(JsonNode root, Optional<String> password) {
        JsonNode master = root.get("master");
        if (master == null) {
            if (password.isPresent()) {
                throw new IllegalArgumentException("a " + MASTER_PASSWORD_HEADER + " header without a \"master\" user");
            }
            return Optional.empty();
        }
        if (!master.path("user").isTextual()) {
            throw new IllegalArgumentException("\"master\" needs a \"user\" string");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the master user's password goes in the " + MASTER_PASSWORD_HEADER + " header");
        }
        Credentials.MasterStyle style;
        try {
            style = Credentials.MasterStyle.valueOf(master.path("style").asText("dovecot").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("master.style must be dovecot or sasl");
        }
        // logged in as itself until each user's login is set (Credentials.forLogin)
        String name = master.get("user").asText();
        return Optional.of(Credentials.ofMaster(name, name, password.get(), style));
    }

    /**
     * Users' own passwords from a file on this node: a line {@code <user> <password>} each (the user's name here;
     * the password is the rest of the line), blank lines and lines starting with {@code #} skipped.
     */
    static Map<String, String> passwordFile(JsonNode root) throws IOException {
        JsonNode file = root.get("passwordFile");
        if (file == null) {
            return Map.of();
        }
        if (!file.isTextual()) {
            throw new IllegalArgumentException("\"passwordFile\" must be a path");
        }
        Map<String, String> passwords = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file.asText()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no password file " + file.asText() + " on this James node");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0) {
                throw new IllegalArgumentException(file.asText() + " line " + (i + 1) + ": expected '<user> <password>'");
            }
            passwords.put(line.substring(0, space), line.substring(space + 1));
        }
        return passwords;
    }

    /** The user's name on the old server: {@code login}, else their name here. */
    static String login(JsonNode node, String user) {
        JsonNode login = node.get("login");
        if (login != null && !login.isTextual()) {
            throw new IllegalArgumentException("\"login\" must be a string");
        }
        return login == null ? user : login.asText();
    }
}
