package dev.pop3x.maildrop.maildir.uidl;

import java.nio.file.Path;

/** A message file a scan found, with its size as RETR sends it. */
public final class ScannedMessage {
    private final Path file;
    private final long octets;

    public ScannedMessage(Path file, long octets) {
        this.file = file;
        this.octets = octets;
    }

    public Path file() {
        return file;
    }

    public long octets() {
        return octets;
    }
}
