package dev.pop3x.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** SASL client messages for the tests, base64-encoded as they travel in AUTH. */
final class Sasl {
    private Sasl() {
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** PLAIN (RFC 4616): authzid NUL authcid NUL password. */
    static String plain(String authzid, String authcid, String password) {
        return base64(authzid + "\0" + authcid + "\0" + password);
    }

    static String plain(String user, String password) {
        return plain("", user, password);
    }

    /** OAUTHBEARER (RFC 7628), with the GS2 a= user when given. */
    static String oauthBearer(String user, String token) {
        return base64("n," + (user.isEmpty() ? "" : "a=" + user) + ",\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    /** XOAUTH2 (Google). */
    static String xoauth2(String user, String token) {
        return base64("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }
}
