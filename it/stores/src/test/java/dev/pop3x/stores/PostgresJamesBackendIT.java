package dev.pop3x.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.pop3x.config.InvalidSettingException;

/** The james backend on James's JPA mailboxes (the JPA app's), on PostgreSQL. */
@ExtendWith(StoreResolver.Postgres.class)
class PostgresJamesBackendIT extends JamesBackendContract {
    PostgresJamesBackendIT(PostgresJamesStore store) {
        super(store);
    }

    /**
     * JPA mailboxes have no message ids (James hands out a {@code DefaultMessageId} that cannot be serialised), so
     * {@code james.uidl=message-id} is refused when pop3x starts, naming the setting, rather than at the first login.
     */
    @Test
    void messageIdUniqueIdsAreRefusedAtStartSinceJpaMailboxesHaveNoMessageIds() {
        assertThat(hasMessageIds()).isFalse();
        assertThatThrownBy(() -> maildrops(MESSAGE_ID))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("james.uidl=message-id")
            .hasMessageContaining("OpenJPAMailboxManager");
    }
}
