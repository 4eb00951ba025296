package dev.pop3x.maildrop;

import org.apache.james.core.Username;

/** Where users' maildrops live: a backend. */
public interface MaildropStore {

    /** Opens the user's maildrop, listing its messages at this instant. */
    Maildrop open(Username user) throws MaildropException;
}
