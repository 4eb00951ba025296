package dev.pop3x.protocol;

import java.util.stream.Collectors;

import javax.inject.Inject;


/**
 * LIST: {@code +OK <messages> <octets>} then {@code <number> <octets>} for each message not marked deleted, or
 * {@code +OK <number> <octets>} for one message.
 */
public final class ListCommand extends Pop3xCommand {
    @Inject
    public ListCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, "LIST");
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
            return Reply.ok(Text.RAW, number + " " + transaction.message(number).octets());
        }
        return Reply.ok(Text.RAW, transaction.remainingCount() + " " + transaction.remainingOctets())
            .withLines(transaction.remainingNumbers()
                .mapToObj(number -> number + " " + transaction.message(number).octets())
                .collect(Collectors.toList()));
    }
}
