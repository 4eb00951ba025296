package dev.pop3x.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS client side of the tests: trusts the certificate of {@link Keystores#sample()}, nothing else. */
public final class TlsClient {
    private TlsClient() {
    }

    /** The sample certificate, PEM-encoded, for clients that take a CA file (curl --cacert, mpop tls_trust_file). */
    public static String certificatePem() {
        try {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(new ByteArrayInputStream(Keystores.sample()), Keystores.PASSWORD.toCharArray());
            byte[] der = keystore.getCertificate("james").getEncoded();
            return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot read the sample certificate", e);
        }
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
