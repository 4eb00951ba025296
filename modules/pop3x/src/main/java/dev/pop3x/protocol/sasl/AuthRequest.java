package dev.pop3x.protocol.sasl;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An AUTH command's request (RFC 5034): a mechanism name and an optional initial response in base64, where
 * {@code =} stands for an empty one. Client responses in the exchange that follows are base64 too, and {@code *}
 * cancels it.
 */
public final class AuthRequest {
    private final String mechanism;
    private final Optional<byte[]> initialResponse;

    private AuthRequest(String mechanism, Optional<byte[]> initialResponse) {
        this.mechanism = mechanism;
        this.initialResponse = initialResponse;
    }

    /**
     * @param words the mechanism, and the initial response if the client sent one
     * @return empty when the initial response is not base64
     */
    public static Optional<AuthRequest> parse(List<String> words) {
        if (words.isEmpty() || words.size() > 2) {
            throw new IllegalArgumentException("AUTH takes a mechanism and an optional initial response: " + words);
        }
        String mechanism = words.get(0).toUpperCase(Locale.US);
        if (words.size() == 1) {
            return Optional.of(new AuthRequest(mechanism, Optional.empty()));
        }
        String response = words.get(1);
        return base64(response.equals("=") ? "" : response).map(bytes -> new AuthRequest(mechanism, Optional.of(bytes)));
    }

    /**
     * RFC 4648 base64 (RFC 5034 section 4): an invalid character or misplaced padding is refused; padding at the end
     * may be left out.
     */
    public static Optional<byte[]> base64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the client response cancels the exchange. */
    public static boolean cancels(String response) {
        return response.equals("*");
    }

    /** The mechanism's name, upper case. */
    public String mechanism() {
        return mechanism;
    }

    public Optional<byte[]> initialResponse() {
        return initialResponse.map(byte[]::clone);
    }
}
