package dev.pop3x.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * LOGIN (draft-murchison-sasl-login): the server asks {@code Username:} then {@code Password:}. A client may send
 * the user name as its initial response.
 */
public final class Login implements SaslMechanism {
    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public boolean carriesPassword() {
        return true;
    }

    @Override
    public SaslExchange start() {
        return new SaslExchange() {
            private Optional<String> user = Optional.empty();
            private boolean asked;

            @Override
            public SaslStep next(Optional<byte[]> response) {
                if (user.isEmpty()) {
                    if (response.isEmpty() || (!asked && response.get().length == 0)) {
                        asked = true;
                        return SaslStep.challenge(USERNAME);
                    }
                    String name = new String(response.get(), StandardCharsets.UTF_8);
                    if (name.isEmpty()) {
                        return SaslStep.malformed();
                    }
                    user = Optional.of(name);
                    return SaslStep.challenge(PASSWORD);
                }
                String password = response.map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
                return password.isEmpty() ? SaslStep.malformed() : SaslStep.password(user.get(), password, Optional.empty());
            }
        };
    }
}
