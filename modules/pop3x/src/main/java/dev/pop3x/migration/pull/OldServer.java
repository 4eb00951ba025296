package dev.pop3x.migration.pull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The previous POP3 server a pull reads: where it is, how TLS is used, which certificates are trusted (the JDK's
 * trusted authorities and the host name, unless a truststore is given or the operator trusts every certificate for a
 * server with a self-signed one), and how long connecting and each read may take. It holds no secret.
 */
public final class OldServer {
    private final String host;
    private final int port;
    private final TlsMode tls;
    private final boolean trustAll;
    private final Optional<Path> truststore;
    private final Duration timeout;

    public OldServer(String host, int port, TlsMode tls, boolean trustAll, Optional<Path> truststore, Duration timeout) {
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            throw new IllegalArgumentException("host must be a host name or address, not '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, not " + port);
        }
        if (trustAll && truststore.isPresent()) {
            throw new IllegalArgumentException("give either trustAll or a truststore, not both");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeoutSeconds must be from 1 to 600");
        }
        this.host = host;
        this.port = port;
        this.tls = Objects.requireNonNull(tls);
        this.trustAll = trustAll;
        this.truststore = truststore;
        this.timeout = timeout;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public TlsMode tls() {
        return tls;
    }

    /** Whether every certificate is trusted, with no host name check: for a server whose certificate is self-signed. */
    public boolean trustAll() {
        return trustAll;
    }

    /** A PKCS#12 or JKS file of the certificates to trust instead of the JDK's authorities. */
    public Optional<Path> truststore() {
        return truststore;
    }

    /** How long connecting, and each read, may take. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return host + ":" + port + " tls=" + tls.name().toLowerCase(Locale.ROOT);
    }
}
