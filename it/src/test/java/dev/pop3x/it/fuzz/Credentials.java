package dev.pop3x.it.fuzz;

import java.util.List;

/**
 * What a client may know: the accounts and their passwords, and bearer tokens from the test OpenID Connect
 * provider, good ones and bad ones. Scripts put them in so that the fuzzer gets past login and reaches the
 * TRANSACTION state and the token checks, which random bytes would not.
 */
interface Credentials {
    List<Account> accounts();

    /** A token the provider signed, valid now, whose email claim is the account. */
    String validToken(Account account);

    /** A token the provider signed that has expired. */
    String expiredToken(Account account);

    /** A token signed by a key the provider does not publish. */
    String forgedToken(Account account);
}
