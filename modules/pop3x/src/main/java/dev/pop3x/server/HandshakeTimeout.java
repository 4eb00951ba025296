package dev.pop3x.server;

import java.time.Duration;

import org.apache.james.protocols.api.ClientAuth;
import org.apache.james.protocols.netty.Encryption;

import io.netty.handler.ssl.SslHandler;

/**
 * The listener's TLS as James builds it from {@code <tls>}, with the handshake bounded by {@code <handshakeTimeout>}
 * (James leaves Netty's fixed 10 s): on the implicit-TLS port and after STLS alike, since both take their
 * {@link SslHandler} from here.
 */
final class HandshakeTimeout implements Encryption {
    private final Encryption encryption;
    private final Duration timeout;

    HandshakeTimeout(Encryption encryption, Duration timeout) {
        this.encryption = encryption;
        this.timeout = timeout;
    }

    @Override
    public SslHandler sslHandler() {
        SslHandler handler = encryption.sslHandler();
        handler.setHandshakeTimeoutMillis(timeout.toMillis());
        return handler;
    }

    @Override
    public boolean isStartTLS() {
        return encryption.isStartTLS();
    }

    @Override
    public boolean supportsEncryption() {
        return encryption.supportsEncryption();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return encryption.getEnabledCipherSuites();
    }

    @Override
    public ClientAuth getClientAuth() {
        return encryption.getClientAuth();
    }
}
