package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed PKCS12 keystore for the TLS listeners of conf/ (alias james, password pop3x-sample, CN
 * pop3x.local), made once per JVM with the JDK's keytool and copied into each James home.
 */
public final class Keystores {
    public static final String PASSWORD = "pop3x-sample";

    private static byte[] sample;

    private Keystores() {
    }

    public static synchronized byte[] sample() {
        if (sample == null) {
            sample = generate();
        }
        return sample.clone();
    }

    private static byte[] generate() {
        try {
            Path dir = Files.createTempDirectory("pop3x-keystore");
            Path keystore = dir.resolve("keystore");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "james", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "3650", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD, "-dname", "CN=pop3x.local", "-ext", "SAN=dns:pop3x.local,ip:127.0.0.1"))
                .redirectErrorStream(true)
                .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            byte[] bytes = Files.readAllBytes(keystore);
            Files.delete(keystore);
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
