package dev.pop3x.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;

import com.google.common.collect.ImmutableMap;

/** A setting's value for each user: the default, overridden per domain, overridden per user. */
public final class PerUser<T> {
    private final T defaultValue;
    private final Map<Domain, T> domains;
    private final Map<Username, T> users;

    PerUser(T defaultValue, Map<Domain, T> domains, Map<Username, T> users) {
        this.defaultValue = Objects.requireNonNull(defaultValue);
        this.domains = ImmutableMap.copyOf(domains);
        this.users = ImmutableMap.copyOf(users);
    }

    /** The same value for everyone. */
    public static <T> PerUser<T> everyone(T value) {
        return new PerUser<>(value, Map.of(), Map.of());
    }

    public T forUser(Username user) {
        Username lowerCase = Username.of(user.asString().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(users.get(lowerCase))
            .or(() -> lowerCase.getDomainPart().map(domains::get))
            .orElse(defaultValue);
    }

    /** The value for a user of the domain who has no value of their own. */
    public T forDomain(Domain domain) {
        return domains.getOrDefault(Domain.of(domain.asString().toLowerCase(Locale.ROOT)), defaultValue);
    }

    /** The domains given a value of their own. */
    public Set<Domain> domains() {
        return domains.keySet();
    }

    /** The users given a value of their own. */
    public Set<Username> users() {
        return users.keySet();
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** True when some domain or user has a value of its own that differs from the default. */
    public boolean variesPerUser() {
        return Stream.concat(domains.values().stream(), users.values().stream()).anyMatch(value -> !value.equals(defaultValue));
    }

    /** Every value some user can have. */
    public Stream<T> values() {
        return Stream.concat(Stream.of(defaultValue), Stream.concat(domains.values().stream(), users.values().stream()));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PerUser)) {
            return false;
        }
        PerUser<?> that = (PerUser<?>) o;
        return defaultValue.equals(that.defaultValue) && domains.equals(that.domains) && users.equals(that.users);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultValue, domains, users);
    }

    @Override
    public String toString() {
        return "PerUser{default=" + defaultValue + ", domains=" + domains + ", users=" + users + "}";
    }
}
