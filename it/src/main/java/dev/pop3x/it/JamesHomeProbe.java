package dev.pop3x.it;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.GuiceProbe;

/** The working directory of a running James: where its conf/ and var/ are. */
public final class JamesHomeProbe implements GuiceProbe {
    private final FileSystem fileSystem;

    @Inject
    JamesHomeProbe(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    public Path workingDirectory() {
        try {
            return fileSystem.getBasedir().toPath().toAbsolutePath();
        } catch (FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
