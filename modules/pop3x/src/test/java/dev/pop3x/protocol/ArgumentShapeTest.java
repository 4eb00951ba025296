package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.InMemoryMaildrop;

class ArgumentShapeTest {
    private final Transaction transaction = new Transaction(Username.of("bob@example.test"),
        new InMemoryMaildrop().with("a").with("b").with("c"), Optional.empty());
    private final Texts texts = Texts.load();

    private String refusal(ArgumentShape shape, String command, String argument) {
        return shape.parse(command, argument, transaction).refusal()
            .map(reply -> texts.english(reply))
            .orElse("accepted");
    }

    @Test
    void listAndUidlTakeNoneOrOneMessageNumber() {
        assertThat(refusal(ArgumentShape.OPTIONAL_MESSAGE, "LIST", null)).isEqualTo("accepted");
        assertThat(ArgumentShape.OPTIONAL_MESSAGE.parse("LIST", null, transaction).message()).isEmpty();
        assertThat(ArgumentShape.OPTIONAL_MESSAGE.parse("LIST", "3", transaction).message()).isEqualTo(OptionalInt.of(3));
        assertThat(refusal(ArgumentShape.OPTIONAL_MESSAGE, "UIDL", "1 2")).isEqualTo("Usage: UIDL [msg]");
    }

    @Test
    void retrAndDeleTakeExactlyOneMessageNumber() {
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "1")).isEqualTo("accepted");
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", null)).isEqualTo("Usage: RETR msg");
        assertThat(refusal(ArgumentShape.MESSAGE, "DELE", "1 1")).isEqualTo("Usage: DELE msg");
    }

    @Test
    void repeatedSpacesBetweenArgumentsAreOneSeparator() {
        ArgumentShape.Parsed parsed = ArgumentShape.MESSAGE_AND_LINES.parse("TOP", "1   10 ", transaction);
        assertThat(parsed.message()).isEqualTo(OptionalInt.of(1));
        assertThat(parsed.lines()).isEqualTo(OptionalInt.of(10));
    }

    @Test
    void aMessageNumberIsDecimalDigitsOnly() {
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "abc")).isEqualTo("Invalid message number: abc");
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "-1")).isEqualTo("Invalid message number: -1");
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "+1")).isEqualTo("Invalid message number: +1");
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "1.0")).isEqualTo("Invalid message number: 1.0");
    }

    @Test
    void aNumberIsWrittenWithoutLeadingZeros() {
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "003")).isEqualTo("Invalid message number: 003");
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "000")).isEqualTo("Invalid message number: 000");
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 00")).isEqualTo("Invalid line count: 00");
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 010")).isEqualTo("Invalid line count: 010");
    }

    @Test
    void aMessageNumberMustNameAMessageOfTheMaildrop() {
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "0")).isEqualTo("Message (0) does not exist.");
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "4")).isEqualTo("Message (4) does not exist.");
        assertThat(ArgumentShape.MESSAGE.parse("RETR", "3", transaction).message()).isEqualTo(OptionalInt.of(3));
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "99999999999999999999999"))
            .isEqualTo("Message (99999999999999999999999) does not exist.");
    }

    @Test
    void aMessageMarkedDeletedCannotBeNamed() {
        transaction.markDeleted(2);
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "2")).isEqualTo("Message (2) already deleted.");
        assertThat(refusal(ArgumentShape.OPTIONAL_MESSAGE, "UIDL", "2")).isEqualTo("Message (2) already deleted.");
    }

    @Test
    void topNeedsANonNegativeLineCount() {
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 0")).isEqualTo("accepted");
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 999999999")).isEqualTo("accepted");
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1")).isEqualTo("Usage: TOP msg n");
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 -1")).isEqualTo("Invalid line count: -1");
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 9999999999")).isEqualTo("Invalid line count: 9999999999");
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", "5 1")).isEqualTo("Message (5) does not exist.");
    }

    @Test
    void anEmptyMaildropHasNoMessageOne() {
        Transaction empty = new Transaction(Username.of("bob@example.test"), new InMemoryMaildrop(), Optional.empty());
        assertThat(ArgumentShape.MESSAGE.parse("RETR", "1", empty).refusal().map(texts::english))
            .contains("Message (1) does not exist.");
    }
}
