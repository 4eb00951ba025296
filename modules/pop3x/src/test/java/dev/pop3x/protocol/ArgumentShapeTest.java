package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ArgumentShapeTest {
    private static final int MAILDROP_SIZE = 3;

    private static Optional<String> check(ArgumentShape shape, String command, String argument) {
        return shape.check(command, argument, MAILDROP_SIZE);
    }

    @Test
    void commandsWithoutArgumentsIgnoreWhateverFollows() {
        assertThat(check(ArgumentShape.NONE, "NOOP", "extra words")).isEmpty();
        assertThat(check(ArgumentShape.NONE, "STAT", null)).isEmpty();
    }

    @Test
    void listAndUidlTakeNoneOrOneMessageNumber() {
        assertThat(check(ArgumentShape.OPTIONAL_MESSAGE, "LIST", null)).isEmpty();
        assertThat(check(ArgumentShape.OPTIONAL_MESSAGE, "LIST", "3")).isEmpty();
        assertThat(check(ArgumentShape.OPTIONAL_MESSAGE, "UIDL", "1 2")).contains("Usage: UIDL [msg]");
    }

    @Test
    void retrAndDeleTakeExactlyOneMessageNumber() {
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "1")).isEmpty();
        assertThat(check(ArgumentShape.MESSAGE, "RETR", null)).contains("Usage: RETR msg");
        assertThat(check(ArgumentShape.MESSAGE, "DELE", "1 1")).contains("Usage: DELE msg");
    }

    @Test
    void repeatedSpacesBetweenArgumentsAreOneSeparator() {
        assertThat(check(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1   10")).isEmpty();
    }

    @Test
    void aMessageNumberIsDecimalDigitsOnly() {
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "abc")).contains("Invalid message number: abc");
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "-1")).contains("Invalid message number: -1");
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "+1")).contains("Invalid message number: +1");
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "1.0")).contains("Invalid message number: 1.0");
    }

    @Test
    void aMessageNumberMustNameAMessageOfTheMaildrop() {
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "0")).contains("Message (0) does not exist.");
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "000")).contains("Message (0) does not exist.");
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "4")).contains("Message (4) does not exist.");
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "003")).isEmpty();
        assertThat(check(ArgumentShape.MESSAGE, "RETR", "99999999999999999999999"))
            .contains("Message (99999999999999999999999) does not exist.");
    }

    @Test
    void topNeedsANonNegativeLineCountJamesCanHold() {
        assertThat(check(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 0")).isEmpty();
        assertThat(check(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 999999999")).isEmpty();
        assertThat(check(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1")).contains("Usage: TOP msg n");
        assertThat(check(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 -1")).contains("Invalid line count: -1");
        assertThat(check(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1 9999999999")).contains("Invalid line count: 9999999999");
        assertThat(check(ArgumentShape.MESSAGE_AND_LINES, "TOP", "5 1")).contains("Message (5) does not exist.");
    }

    @Test
    void anEmptyMaildropHasNoMessageOne() {
        assertThat(ArgumentShape.MESSAGE.check("RETR", "1", 0)).contains("Message (1) does not exist.");
    }
}
