package dev.pop3x.maildrop.maildir;

import java.nio.file.Path;

/** A message file as a scan found it: its name and where it is now. */
final class MaildirFile {
    private final MaildirName name;
    private final Path path;
    private final String entry;

    MaildirFile(MaildirName name, Path path) {
        this(name, path, entry(path.getParent().getFileName().toString(), path.getFileName().toString()));
    }

    /** @param entry its {@link #entry()}, which a scan has at hand */
    MaildirFile(MaildirName name, Path path, String entry) {
        this.name = name;
        this.path = path;
        this.entry = entry;
    }

    MaildirName name() {
        return name;
    }

    Path path() {
        return path;
    }

    /** Where it is in its maildir: {@code new/} or {@code cur/} and its file name, as {@link #entry(String, String)}. */
    String entry() {
        return entry;
    }

    /** A file's entry in its maildir, from its directory ({@code new} or {@code cur}) and its name. */
    static String entry(String directory, String fileName) {
        return directory + '/' + fileName;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
