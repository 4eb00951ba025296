package dev.pop3x.migration.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's TLS for a pull: the JDK's trusted authorities with the host name checked, or the operator's truststore
 * (host name checked too), or, when the operator says so for a server with a self-signed certificate, any certificate.
 */
final class TlsSockets {
    private TlsSockets() {
    }

    /** Starts TLS over the connected socket (implicit TLS, or after STLS's {@code +OK}), handshaking at once. */
    static SSLSocket over(Socket plain, OldServer server) throws IOException {
        SSLSocket socket = (SSLSocket) context(server).getSocketFactory().createSocket(plain, server.host(), server.port(), true);
        if (!server.trustAll()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
        }
        socket.setUseClientMode(true);
        socket.startHandshake();
        return socket;
    }

    private static SSLContext context(OldServer server) throws IOException {
        try {
            if (server.trustAll()) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new TrustingEveryCertificate()}, null);
                return context;
            }
            if (server.truststore().isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try (InputStream in = Files.newInputStream(server.truststore().get())) {
                store.load(in, null);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Only where the operator asked for it ({@code "trustAll": true}). */
    private static final class TrustingEveryCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the pull is a TLS client: it trusts no client's certificate");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // the operator chose to trust this server's certificate, whatever it is
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
