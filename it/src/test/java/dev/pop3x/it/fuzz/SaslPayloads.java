package dev.pop3x.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * SASL client messages (RFC 4616 PLAIN, RFC 7628 OAUTHBEARER, XOAUTH2) assembled from fuzz data: each field is
 * either right (the account, its password, a valid token), nearly right (expired or forged tokens, other
 * accounts) or fuzzed, so that inputs reach every branch of the parsers and of the credential checks behind them.
 */
final class SaslPayloads {
    private static final int MAX_FIELD = 48;
    /** base64url, and the dots between a JWT's parts. */
    private static final String TOKEN_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    private final FuzzedDataProvider data;
    private final Credentials credentials;
    private final Account account;

    SaslPayloads(FuzzedDataProvider data, Credentials credentials, Account account) {
        this.data = data;
        this.credentials = credentials;
        this.account = account;
    }

    /** A response line of an AUTH exchange: usually base64 of a message, sometimes what no client should send. */
    String response() {
        switch (data.consumeInt(0, 9)) {
            case 0:
                return "*";
            case 1:
                return "=";
            case 2:
                return "";
            case 3:
                return Fuzz.text(data, MAX_FIELD);
            case 4:
                return base64(data.consumeBytes(MAX_FIELD));
            default:
                return base64(message());
        }
    }

    /** A decoded client message for one of the mechanisms pop3x knows. */
    byte[] message() {
        switch (data.consumeInt(0, 4)) {
            case 0:
                return plain();
            case 1:
                return oauthBearer();
            case 2:
                return xoauth2();
            case 3:
                return utf8(user());
            default:
                return utf8(password());
        }
    }

    /** authzid NUL authcid NUL passwd, with a field left out or doubled now and then. */
    private byte[] plain() {
        String authzid = data.consumeBoolean() ? "" : user();
        String message = authzid + "\0" + user() + "\0" + password();
        return utf8(data.consumeInt(0, 7) == 0 ? message + "\0" + Fuzz.text(data, MAX_FIELD) : message);
    }

    /** {@code n,a=user,^Aauth=Bearer token^A^A} with each part right or fuzzed. */
    private byte[] oauthBearer() {
        String gs2 = data.consumeBoolean() ? "n," : Fuzz.text(data, 4) + ",";
        String requested = data.consumeBoolean() ? "" : "a=" + user();
        return utf8(gs2 + requested + ",\u0001" + authorization() + "\u0001\u0001");
    }

    /** {@code user=...^Aauth=Bearer token^A^A} with each part right or fuzzed. */
    private byte[] xoauth2() {
        return utf8("user=" + user() + "\u0001" + authorization() + "\u0001\u0001");
    }

    private String authorization() {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return "auth=" + Fuzz.text(data, MAX_FIELD);
            case 1:
                return "auth=Bearer " + token();
            case 2:
                return "auth=bearer " + token();
            default:
                return "auth=Bearer " + credentials.validToken(account);
        }
    }

    private String token() {
        switch (data.consumeInt(0, 4)) {
            case 0:
                return credentials.expiredToken(account);
            case 1:
                return credentials.forgedToken(account);
            case 2:
                return Fuzz.text(data, MAX_FIELD);
            case 3:
                // a valid token with a byte changed: header, signature or claims no longer match
                return mutated(credentials.validToken(account));
            default:
                return credentials.validToken(account);
        }
    }

    private String mutated(String token) {
        int at = data.consumeInt(0, token.length() - 1);
        char replacement = TOKEN_CHARACTERS.charAt(data.consumeInt(0, TOKEN_CHARACTERS.length() - 1));
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    /** The account, another one, its local part alone, a variant in case, or fuzz. */
    String user() {
        switch (data.consumeInt(0, 5)) {
            case 0:
                return Fuzz.text(data, MAX_FIELD);
            case 1:
                return data.pickValue(credentials.accounts()).address();
            case 2:
                return account.localPart();
            case 3:
                return account.address().toUpperCase(Locale.ROOT);
            case 4:
                return account.address() + Fuzz.text(data, 8);
            default:
                return account.address();
        }
    }

    /** The password, a wrong one, or fuzz. */
    String password() {
        switch (data.consumeInt(0, 3)) {
            case 0:
                return Fuzz.text(data, MAX_FIELD);
            case 1:
                return account.password() + Fuzz.text(data, 4);
            default:
                return account.password();
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
