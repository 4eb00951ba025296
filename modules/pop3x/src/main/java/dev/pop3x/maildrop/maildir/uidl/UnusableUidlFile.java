package dev.pop3x.maildrop.maildir.uidl;

import java.nio.file.Path;

/**
 * A UIDL file of the previous server (Dovecot's {@code dovecot-uidlist}, Courier's {@code courierpop3dsizelist}) that
 * pop3x cannot read without changing UIDLs: the maildrop is not served (a login answers {@code -ERR [SYS/TEMP]}) and
 * the file is left as it is, rather than numbering every message again and making every client download it all.
 */
public final class UnusableUidlFile extends Exception {
    private static final long serialVersionUID = 1L;

    UnusableUidlFile(Path file, int line, String why) {
        super(file + " line " + line + ": " + why);
    }
}
