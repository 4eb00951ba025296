package dev.pop3x.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;

/**
 * Where a per-user setting applies: one domain ({@code key[example.com]}) or one user
 * ({@code key[bob@example.com]}). A user's own value wins over their domain's, which wins over the default.
 */
public final class Scope {
    private final Optional<Username> user;
    private final Domain domain;

    private Scope(Optional<Username> user, Domain domain) {
        this.user = user;
        this.domain = domain;
    }

    /**
     * @param text what was written between the brackets
     * @throws IllegalArgumentException when it is neither a domain nor a user@domain
     */
    static Scope parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty scope");
        }
        if (trimmed.contains("@")) {
            Username user = Username.of(trimmed);
            Domain domain = user.getDomainPart().orElseThrow(() -> new IllegalArgumentException("no domain in " + trimmed));
            if (user.getLocalPart().isEmpty()) {
                throw new IllegalArgumentException("no local part in " + trimmed);
            }
            return new Scope(Optional.of(user), domain);
        }
        return new Scope(Optional.empty(), Domain.of(trimmed));
    }

    boolean isUser() {
        return user.isPresent();
    }

    Optional<Username> user() {
        return user;
    }

    Domain domain() {
        return domain;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scope && ((Scope) o).user.equals(user) && ((Scope) o).domain.equals(domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, domain);
    }

    @Override
    public String toString() {
        return user.map(Username::asString).orElse(domain.asString());
    }
}
