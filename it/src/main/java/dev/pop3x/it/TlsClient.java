package dev.pop3x.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS client side of the tests: trusts the certificate of {@link Keystores#sample()}, nothing else. */
public final class TlsClient {
    private TlsClient() {
    }

    public static SSLContext context() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(new ByteArrayInputStream(Keystores.sample()), Keystores.PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the tests' TLS context", e);
        }
    }
}
