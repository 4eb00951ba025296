package dev.pop3x.it.fuzz;

/** A user the fuzz target may log in as: its address is also its POP3 user name and its token's email claim. */
record Account(String address, String password) {

    String localPart() {
        return address.substring(0, address.indexOf('@'));
    }
}
