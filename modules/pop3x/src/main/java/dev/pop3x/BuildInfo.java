package dev.pop3x;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What the build knows about this jar: its version, written into {@code dev/pop3x/build.properties} by Maven
 * resource filtering, so that it is typed in one place only (the POM).
 */
public final class BuildInfo {
    static final String RESOURCE = "/dev/pop3x/build.properties";
    private static final String PRODUCT = "pop3x";

    private final String version;

    public BuildInfo(String version) {
        Objects.requireNonNull(version, "version");
        if (version.isBlank() || version.startsWith("${") || !version.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("Not a build version: '" + version + "'");
        }
        this.version = version;
    }

    /** Reads the version the build wrote into this jar. */
    public static BuildInfo fromJar() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the pop3x jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return new BuildInfo(properties.getProperty("version", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public String version() {
        return version;
    }

    /** The RFC 2449 IMPLEMENTATION argument: {@code pop3x-<version>}. */
    public String implementation() {
        return PRODUCT + "-" + version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuildInfo && ((BuildInfo) o).version.equals(version);
    }

    @Override
    public int hashCode() {
        return version.hashCode();
    }

    @Override
    public String toString() {
        return implementation();
    }
}
