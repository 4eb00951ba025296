package dev.pop3x.it.fuzz;

/**
 * What the fuzz target throws when the server misbehaved: Jazzer reports any throwable that escapes
 * {@code fuzzerTestOneInput} as a finding, saves the input and stops. An {@link AssertionError}, so that nothing on
 * the way catches it as an ordinary failure of I/O.
 */
final class Finding extends AssertionError {
    private static final long serialVersionUID = 1L;

    Finding(String message) {
        super(message);
    }

    Finding(String message, Throwable cause) {
        super(message, cause);
    }
}
