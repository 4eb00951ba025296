package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalInt;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pop3x.maildrop.InMemoryMaildrop;

class ArgumentShapeTest {
    private final Transaction transaction = new Transaction(Username.of("bob@example.test"), Optional.empty(),
        new InMemoryMaildrop().with("a").with("b").with("c"), new InMemoryMaildrop(), Optional.empty());
    private final Texts texts = Texts.load();

    private String refusal(ArgumentShape shape, String command, String argument) {
        Reply refusal = parse(shape, command, argument).refusal();
        return refusal == null ? "accepted" : refusal.words(texts, Language.EN);
    }

    private ArgumentShape.Parsed parse(ArgumentShape shape, String command, String argument) {
        return shape.parse(command, argument, Optional.of(transaction));
    }

    @Test
    void listAndUidlTakeNoneOrOneMessageNumber() {
        assertThat(refusal(ArgumentShape.OPTIONAL_MESSAGE, "LIST", null)).isEqualTo("accepted");
        assertThat(parse(ArgumentShape.OPTIONAL_MESSAGE, "LIST", null).arguments().optionalMessage()).isEmpty();
        assertThat(parse(ArgumentShape.OPTIONAL_MESSAGE, "LIST", "3").arguments().optionalMessage()).isEqualTo(OptionalInt.of(3));
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
        Arguments parsed = parse(ArgumentShape.MESSAGE_AND_LINES, "TOP", "1   10 ").arguments();
        assertThat(parsed.message()).isEqualTo(1);
        assertThat(parsed.lines()).isEqualTo(10);
    }

    @ParameterizedTest(name = "RETR {0}")
    @ValueSource(strings = {"abc", "-1", "+1", "1.0"})
    void aMessageNumberIsDecimalDigitsOnly(String argument) {
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", argument)).isEqualTo("Invalid message number: " + argument);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "RETR, 003,   Invalid message number: 003",
        "RETR, 000,   Invalid message number: 000",
        "TOP,  1 00,  Invalid line count: 00",
        "TOP,  1 010, Invalid line count: 010"})
    void aNumberIsWrittenWithoutLeadingZeros(String command, String argument, String refusal) {
        ArgumentShape shape = command.equals("TOP") ? ArgumentShape.MESSAGE_AND_LINES : ArgumentShape.MESSAGE;
        assertThat(refusal(shape, command, argument)).isEqualTo(refusal);
    }

    @Test
    void aMessageNumberMustNameAMessageOfTheMaildrop() {
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "0")).isEqualTo("Message (0) does not exist.");
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "4")).isEqualTo("Message (4) does not exist.");
        assertThat(parse(ArgumentShape.MESSAGE, "RETR", "3").arguments().message()).isEqualTo(3);
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "99999999999999999999999"))
            .isEqualTo("Message (99999999999999999999999) does not exist.");
    }

    @Test
    void aMessageMarkedDeletedCannotBeNamed() {
        transaction.markDeleted(2);
        assertThat(refusal(ArgumentShape.MESSAGE, "RETR", "2")).isEqualTo("Message (2) already deleted.");
        assertThat(refusal(ArgumentShape.OPTIONAL_MESSAGE, "UIDL", "2")).isEqualTo("Message (2) already deleted.");
    }

    @ParameterizedTest(name = "TOP {0}")
    @CsvSource({
        "1 0,          accepted",
        "1 999999999,  accepted",
        "1,            Usage: TOP msg n",
        "1 -1,         Invalid line count: -1",
        "1 9999999999, Invalid line count: 9999999999",
        "5 1,          Message (5) does not exist."})
    void topNeedsANonNegativeLineCount(String argument, String answer) {
        assertThat(refusal(ArgumentShape.MESSAGE_AND_LINES, "TOP", argument)).isEqualTo(answer);
    }

    @Test
    void anEmptyMaildropHasNoMessageOne() {
        Transaction empty = new Transaction(Username.of("bob@example.test"), Optional.empty(), new InMemoryMaildrop(), new InMemoryMaildrop(), Optional.empty());
        assertThat(ArgumentShape.MESSAGE.parse("RETR", "1", Optional.of(empty)).refusal().words(texts, Language.EN))
            .isEqualTo("Message (1) does not exist.");
    }

    @Test
    void commandsWithoutArgumentsRefuseAnyButSpaces() {
        assertThat(refusal(ArgumentShape.NONE, "NOOP", null)).isEqualTo("accepted");
        assertThat(refusal(ArgumentShape.NONE, "NOOP", "  ")).isEqualTo("accepted");
        assertThat(refusal(ArgumentShape.NONE, "NOOP", "1")).isEqualTo("Usage: NOOP");
        assertThat(refusal(ArgumentShape.NONE, "STAT", "\u00ff")).isEqualTo("Usage: STAT");
    }

    @Test
    void userTakesANameWithoutTheSpacesAroundIt() {
        assertThat(refusal(ArgumentShape.NAME, "USER", " ")).isEqualTo("Usage: USER name");
        assertThat(parse(ArgumentShape.NAME, "USER", "  bob@example.test ").arguments().text()).contains("bob@example.test");
    }

    @Test
    void passTakesTheRestOfTheLineAsItIs() {
        assertThat(parse(ArgumentShape.REST, "PASS", " two  spaces ").arguments().text()).contains(" two  spaces ");
        assertThat(parse(ArgumentShape.REST, "PASS", null).arguments().text()).contains("");
    }

    @Test
    void authTakesAMechanismAndAnOptionalInitialResponse() {
        assertThat(parse(ArgumentShape.MECHANISM, "AUTH", null).arguments().words()).isEmpty();
        assertThat(parse(ArgumentShape.MECHANISM, "AUTH", "PLAIN  AGJvYgBwdw==").arguments().words()).containsExactly("PLAIN", "AGJvYgBwdw==");
        assertThat(refusal(ArgumentShape.MECHANISM, "AUTH", "PLAIN a b")).isEqualTo("Usage: AUTH mechanism [initial-response]");
        assertThat(refusal(ArgumentShape.MECHANISM, "AUTH", "\u00a0")).isEqualTo("Usage: AUTH mechanism [initial-response]");
    }
}
