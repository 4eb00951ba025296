package dev.pop3x.it.fuzz;

import java.util.List;

/**
 * A POP3 session built from fuzz data before anything is sent: the account the well-formed logins use, the steps,
 * and how the session ends. Built whole first, so that the bytes of an input map to a session the same way
 * whatever the server answers.
 */
record Script(Account account, List<Step> steps, Ending ending) {

    /**
     * Lines without their CRLF. Sent one by one, each after the reply to the one before, or, pipelined, all in one
     * write before any reply is read.
     */
    record Step(List<byte[]> lines, boolean pipelined) {
        static Step of(byte[]... lines) {
            return new Step(List.of(lines), false);
        }
    }
}
