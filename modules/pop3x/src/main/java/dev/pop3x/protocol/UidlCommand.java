package dev.pop3x.protocol;

import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/** UIDL: the unique-id of each message not marked deleted, or of one message. */
public final class UidlCommand extends Pop3xCommand implements CapaCapability {
    @Inject
    public UidlCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, "UIDL");
    }

    @Override
    Reply execute(Pop3xSession session, String command, String argument) {
        Transaction transaction = session.transaction();
        ArgumentShape.Parsed parsed = ArgumentShape.OPTIONAL_MESSAGE.parse(command, argument, transaction);
        if (parsed.refusal().isPresent()) {
            return parsed.refusal().get();
        }
        if (parsed.message().isPresent()) {
            int number = parsed.message().getAsInt();
            return Reply.ok(Text.RAW, number + " " + transaction.message(number).uniqueId());
        }
        return Reply.ok(Text.UNIQUE_ID_LISTING)
            .withLines(transaction.remainingNumbers()
                .mapToObj(number -> number + " " + transaction.message(number).uniqueId())
                .collect(Collectors.toList()));
    }

    /** Listed before login too (RFC 2449: a capability of the TRANSACTION state is announced in both). */
    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return Set.of("UIDL");
    }
}
