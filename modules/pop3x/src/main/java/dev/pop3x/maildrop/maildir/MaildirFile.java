package dev.pop3x.maildrop.maildir;

import java.nio.file.Path;

/** A message file as a scan found it: its name and where it is now. */
final class MaildirFile {
    private final MaildirName name;
    private final Path path;

    MaildirFile(MaildirName name, Path path) {
        this.name = name;
        this.path = path;
    }

    MaildirName name() {
        return name;
    }

    Path path() {
        return path;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
