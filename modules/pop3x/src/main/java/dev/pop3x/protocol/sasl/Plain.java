package dev.pop3x.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}, in the initial response or after an empty
 * challenge. An authzid other than the authcid asks for that user's maildrop (delegation).
 */
public final class Plain implements SaslMechanism {
    static final int MAX_FIELD_OCTETS = 255 * 4;

    @Override
    public String name() {
        return "PLAIN";
    }

    @Override
    public boolean carriesPassword() {
        return true;
    }

    @Override
    public SaslExchange start() {
        return response -> response.map(Plain::parse).orElseGet(() -> SaslStep.challenge(new byte[0]));
    }

    static SaslStep parse(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        String[] fields = text.split("\u0000", -1);
        if (fields.length != 3 || fields[1].isEmpty() || fields[2].isEmpty()
            || fields[0].length() > MAX_FIELD_OCTETS || fields[1].length() > MAX_FIELD_OCTETS || fields[2].length() > MAX_FIELD_OCTETS) {
            return SaslStep.malformed();
        }
        Optional<String> authzid = fields[0].isEmpty() ? Optional.empty() : Optional.of(fields[0]);
        return SaslStep.password(fields[1], fields[2], authzid);
    }
}
