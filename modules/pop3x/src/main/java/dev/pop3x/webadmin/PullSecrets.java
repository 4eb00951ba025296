package dev.pop3x.webadmin;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Singleton;

import org.apache.james.core.Username;

import dev.pop3x.migration.pull.Credentials;

/**
 * The passwords of the pulls WebAdmin accepted, held in this node's memory only until their task starts: a task and
 * what James stores of it (its serialized form, its details) name them by an id, never hold them. A pull whose task
 * runs on another James node (the distributed task manager) finds none there and says so.
 */
@Singleton
public final class PullSecrets {
    private final Map<String, Secret> held = new ConcurrentHashMap<>();

    /** How a pull logs in for each of its users: a master user's credentials, or each user's own. */
    static final class Secret {
        private final Optional<Credentials> master;
        private final Map<Username, Credentials> users;

        Secret(Optional<Credentials> master, Map<Username, Credentials> users) {
            this.master = master;
            this.users = Map.copyOf(users);
        }

        /** The credentials for the user, under this login on the old server. */
        Optional<Credentials> forUser(Username user, String login) {
            Credentials own = users.get(user);
            if (own != null) {
                return Optional.of(own);
            }
            return master.map(credentials -> credentials.forLogin(login));
        }
    }

    String hold(Secret secret) {
        String id = UUID.randomUUID().toString();
        held.put(id, secret);
        return id;
    }

    /** The secret, which is then forgotten. */
    Optional<Secret> take(String id) {
        return Optional.ofNullable(held.remove(id));
    }

    static String missing() {
        return "The passwords of this pull are held only by the James node that took the request, until its task starts;"
            + " none are here: post the pull again";
    }
}
