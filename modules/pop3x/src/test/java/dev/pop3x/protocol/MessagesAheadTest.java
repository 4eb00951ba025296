package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.InMemoryMaildrop;

class MessagesAheadTest {
    private static final Instant YESTERDAY = Instant.parse("2026-12-05T10:00:00Z");

    private static Transaction transaction(InMemoryMaildrop maildrop) {
        return new Transaction(Username.of("bob@example.com"), Optional.empty(), maildrop, maildrop, Optional.empty());
    }

    private static String text(Optional<byte[]> content) {
        return new String(content.orElseThrow(), StandardCharsets.US_ASCII);
    }

    @Test
    void aClientGoingInOrderFindsTheFollowingMessagesReadAheadAsRetrSendsThem() {
        Transaction transaction = transaction(new InMemoryMaildrop().with("one\n").with("two\n.dot\n").with("three\n"));
        MessagesAhead ahead = new MessagesAhead();

        ahead.fillAfter(transaction, 1, true);

        assertThat(ahead.take(1)).isEmpty();
        assertThat(text(ahead.take(2))).isEqualTo("two\r\n..dot\r\n");
        assertThat(text(ahead.take(3))).isEqualTo("three\r\n");
    }

    @Test
    void aClientOutOfOrderGetsOnlyTheFollowingMessagesNoClientRetrievedYet() {
        Transaction transaction = transaction(new InMemoryMaildrop().with("one\n").withRetrieved("two\n", YESTERDAY).with("three\n"));
        MessagesAhead ahead = new MessagesAhead();

        ahead.fillAfter(transaction, 0, false);

        assertThat(text(ahead.take(1))).isEqualTo("one\r\n");
        assertThat(ahead.take(2)).isEmpty();
        assertThat(text(ahead.take(3))).isEqualTo("three\r\n");
    }

    @Test
    void whatIsReadAheadStaysWithinItsOctetsAndLeavesOutMessagesTooLargeToSendWhole() {
        String tenKilobytes = "x".repeat(10 * 1024 - 1) + "\n";
        InMemoryMaildrop maildrop = new InMemoryMaildrop().with("y".repeat(MessagesAhead.MAX_WHOLE_OCTETS) + "\n");
        for (int i = 0; i < 40; i++) {
            maildrop.with(tenKilobytes);
        }
        MessagesAhead ahead = new MessagesAhead();

        ahead.fillAfter(transaction(maildrop), 0, true);

        assertThat(ahead.take(1)).isEmpty();
        long octets = 0;
        int ready = 0;
        for (int number = 2; number <= 41; number++) {
            Optional<byte[]> content = ahead.take(number);
            if (content.isPresent()) {
                octets += content.get().length;
                ready++;
            }
        }
        assertThat(octets).isLessThanOrEqualTo(MessagesAhead.MAX_OCTETS_AHEAD);
        assertThat(ready).isEqualTo(12);
    }

    @Test
    void onlyOneReadingAheadIsAskedForAtATime() {
        Transaction transaction = transaction(new InMemoryMaildrop().with("one\n").with("two\n"));
        MessagesAhead ahead = new MessagesAhead();

        assertThat(ahead.shouldFill()).isTrue();
        assertThat(ahead.shouldFill()).isFalse();
        ahead.fillAfter(transaction, 0, true);
        assertThat(ahead.shouldFill()).isTrue();
    }

    @Test
    void aMessageAskedForInOrderIsToldApartFromAJump() {
        MessagesAhead ahead = new MessagesAhead();

        assertThat(ahead.asked(1)).isTrue();
        assertThat(ahead.asked(2)).isTrue();
        assertThat(ahead.asked(7)).isFalse();
        assertThat(ahead.asked(8)).isTrue();
    }

    @Test
    void theLoginReadsAheadTheMessagesNoClientRetrievedYet() {
        Transaction transaction = transaction(new InMemoryMaildrop().withRetrieved("seen\n", YESTERDAY).with("new\n"));
        MessagesAhead ahead = new MessagesAhead();

        ahead.fillAtLogin(transaction);

        assertThat(ahead.take(1)).isEmpty();
        assertThat(text(ahead.take(2))).isEqualTo("new\r\n");
    }

    @Test
    void aLoginThatReadAheadWhatTheClientDidNotAskForIsToldApart() {
        Transaction transaction = transaction(new InMemoryMaildrop().withRetrieved("seen\n", YESTERDAY).with("new\n").with("newer\n"));
        MessagesAhead unasked = new MessagesAhead();
        MessagesAhead partlyAsked = new MessagesAhead();
        MessagesAhead asked = new MessagesAhead();
        MessagesAhead nothingNew = new MessagesAhead();

        unasked.fillAtLogin(transaction);
        partlyAsked.fillAtLogin(transaction);
        partlyAsked.take(3);
        asked.fillAtLogin(transaction);
        asked.take(2);
        asked.take(3);
        nothingNew.fillAtLogin(transaction(new InMemoryMaildrop().withRetrieved("seen\n", YESTERDAY)));

        assertThat(unasked.readAtLoginUnasked()).isTrue();
        assertThat(partlyAsked.readAtLoginUnasked()).isTrue();
        assertThat(asked.readAtLoginUnasked()).isFalse();
        assertThat(nothingNew.readAtLoginUnasked()).as("nothing was read").isFalse();
    }

    @Test
    void afterTheLoginsFillAnotherReadingAheadCanBeAskedFor() {
        Transaction transaction = transaction(new InMemoryMaildrop().with("one\n"));
        MessagesAhead ahead = new MessagesAhead();

        ahead.fillAtLogin(transaction);

        assertThat(ahead.shouldFill()).isTrue();
    }

    @Test
    void theLoginReadsNoMoreThanAPollsNewMailBeforeItsReply() {
        InMemoryMaildrop maildrop = new InMemoryMaildrop();
        for (int i = 0; i < 10; i++) {
            maildrop.with("message " + i + "\n");
        }
        MessagesAhead ahead = new MessagesAhead();

        ahead.fillAtLogin(transaction(maildrop));

        for (int number = 1; number <= MessagesAhead.MAX_MESSAGES_AT_LOGIN; number++) {
            assertThat(ahead.take(number)).as("message " + number).isPresent();
        }
        assertThat(ahead.take(MessagesAhead.MAX_MESSAGES_AT_LOGIN + 1)).isEmpty();
    }
}
