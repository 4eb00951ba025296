package dev.pop3x.webadmin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.TlsMode;

/** An {@link OldServer} as a pull task carries it between James nodes: no secret in it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class OldServerDTO {
    private final String host;
    private final int port;
    private final String tls;
    private final boolean trustAll;
    private final String truststore;
    private final long timeoutSeconds;

    public OldServerDTO(@JsonProperty("host") String host, @JsonProperty("port") int port, @JsonProperty("tls") String tls,
                        @JsonProperty("trustAll") boolean trustAll, @JsonProperty("truststore") String truststore,
                        @JsonProperty("timeoutSeconds") long timeoutSeconds) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.trustAll = trustAll;
        this.truststore = truststore;
        this.timeoutSeconds = timeoutSeconds;
    }

    static OldServerDTO of(OldServer server) {
        return new OldServerDTO(server.host(), server.port(), server.tls().name().toLowerCase(Locale.ROOT), server.trustAll(),
            server.truststore().map(Path::toString).orElse(null), server.timeout().toSeconds());
    }

    OldServer toServer() {
        return new OldServer(host, port, TlsMode.valueOf(tls.toUpperCase(Locale.ROOT)), trustAll, Optional.ofNullable(truststore).map(Path::of),
            Duration.ofSeconds(timeoutSeconds));
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getTls() {
        return tls;
    }

    public boolean isTrustAll() {
        return trustAll;
    }

    public String getTruststore() {
        return truststore;
    }

    public long getTimeoutSeconds() {
        return timeoutSeconds;
    }
}
