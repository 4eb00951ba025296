package dev.pop3x.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.pop3x.maildrop.Maildrop;

/** The james backend on James's Cassandra mailboxes (the Cassandra and distributed apps'), on a Cassandra 5.0.9 node. */
@ExtendWith(StoreResolver.Cassandra.class)
class CassandraJamesBackendIT extends JamesBackendContract {
    private final CassandraJamesStore cassandra;

    CassandraJamesBackendIT(CassandraJamesStore store) {
        super(store);
        this.cassandra = store;
    }

    /**
     * James 3.8.1's distributed POP3 lists an INBOX from its {@code pop3metadata} projection, a table clustered by
     * {@code messageId ASC} (a timeuuid), filled as mail arrives: here the same table (as {@code Pop3MetadataModule}
     * defines it) holds these messages, and Cassandra itself orders them. pop3x lists them in that order, with those
     * unique-ids, although the INBOX's UID order differs (a message copied in keeps its older message id).
     */
    @Test
    void messageIdUniqueIdsComeInTheOrderJamesDistributedPop3ListsThem() throws Exception {
        Username user = newUser();
        List<ComposedMessageId> inbox = new ArrayList<>(inboxWithACopiedMessage(user));
        for (int i = 0; i < 5; i++) {
            inbox.add(deliver(user, message("more" + i)));
        }
        cassandra.session().execute("CREATE TABLE IF NOT EXISTS pop3metadata (mailboxId timeuuid, messageId timeuuid, size bigint,"
            + " PRIMARY KEY (mailboxId, messageId)) WITH CLUSTERING ORDER BY (messageId ASC)");
        for (ComposedMessageId id : inbox) {
            cassandra.session().execute("INSERT INTO pop3metadata (mailboxId, messageId, size) VALUES (" + id.getMailboxId().serialize()
                + ", " + id.getMessageId().serialize() + ", 0)");
        }
        List<String> projection = cassandra.session().execute("SELECT messageId FROM pop3metadata WHERE mailboxId = "
                + inbox.get(0).getMailboxId().serialize()).all().stream()
            .map(row -> row.getUuid("messageId").toString())
            .collect(Collectors.toList());

        try (Maildrop maildrop = maildrops(MESSAGE_ID).open(user)) {
            assertThat(uniqueIds(maildrop)).isEqualTo(projection).hasSize(8);
            assertThat(read(maildrop, maildrop.messages().get(0))).isEqualTo(message("archived"));
        }
    }
}
