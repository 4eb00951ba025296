package dev.pop3x.auth;

import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Username;

/** The outcome of checking credentials: whose maildrop to open, or why not. */
public final class Authentication {
    public enum Outcome {
        /** The credentials are right and allow the maildrop of {@link #maildropOwner()}. */
        SUCCESS,
        /** Wrong password, unknown user, invalid token: {@code [AUTH]}. */
        BAD_CREDENTIALS,
        /**
         * Right credentials, but they may not open the requested maildrop, or it does not exist: answered as
         * {@link #BAD_CREDENTIALS} is, so that the answer does not tell which users exist.
         */
        DELEGATION_FORBIDDEN,
        /** James could not check them now: {@code [SYS/TEMP]}. */
        TEMPORARY_FAILURE
    }

    private final Outcome outcome;
    private final Optional<Username> maildropOwner;
    private final String authenticated;
    private final Optional<String> requested;
    private final Optional<String> device;

    private Authentication(Outcome outcome, Optional<Username> maildropOwner, String authenticated, Optional<String> requested,
                           Optional<String> device) {
        this.outcome = outcome;
        this.maildropOwner = maildropOwner;
        this.authenticated = authenticated;
        this.requested = requested;
        this.device = device;
    }

    public static Authentication success(Username maildropOwner, Username authenticated) {
        return new Authentication(Outcome.SUCCESS, Optional.of(maildropOwner), authenticated.asString(), Optional.empty(), Optional.empty());
    }

    /** The same success, for one device of the maildrop's owner (a login name with a device tag). */
    public Authentication onDevice(String deviceName) {
        return new Authentication(outcome, maildropOwner, authenticated, requested, Optional.of(deviceName));
    }

    public static Authentication failure(Outcome outcome, String authenticated) {
        if (outcome == Outcome.SUCCESS || outcome == Outcome.DELEGATION_FORBIDDEN) {
            throw new IllegalArgumentException(outcome + " has a factory of its own");
        }
        return new Authentication(outcome, Optional.empty(), Objects.requireNonNull(authenticated), Optional.empty(), Optional.empty());
    }

    public static Authentication delegationForbidden(String authenticated, String requested) {
        return new Authentication(Outcome.DELEGATION_FORBIDDEN, Optional.empty(), authenticated, Optional.of(requested), Optional.empty());
    }

    public Outcome outcome() {
        return outcome;
    }

    public Username maildropOwner() {
        return maildropOwner.orElseThrow(() -> new IllegalStateException(outcome + " opens no maildrop"));
    }

    /** The device the session is for, when the login name had a device tag. */
    public Optional<String> device() {
        return device;
    }

    /** The maildrop asked for, when delegation was refused. */
    public String requested() {
        return requested.orElse("");
    }

    /** The identity the credentials named (the SASL authentication identity), for logs and the brake. */
    public String authenticated() {
        return authenticated;
    }

    @Override
    public String toString() {
        return outcome + "(" + authenticated + maildropOwner.map(owner -> " -> " + owner.asString()).orElse("")
            + device.map(name -> " on " + name).orElse("") + ")";
    }
}
