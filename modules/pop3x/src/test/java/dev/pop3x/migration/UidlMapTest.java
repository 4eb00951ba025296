package dev.pop3x.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UidlMapTest {
    private static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void readsEntriesByMessageIdAndSizeAndByDigestInTheOrderGiven() {
        UidlMap map = UidlMap.parse("{\"messages\": [{\"uidl\": \"UID1-1700000000\", \"messageId\": \" <a1@example.com>\", \"octets\": 2381},"
            + " {\"uidl\": \"000000026b0fd0e6\", \"sha256\": \"" + DIGEST.toUpperCase() + "\"}]}");

        assertThat(map.entries()).extracting(UidlMapEntry::toString).containsExactly(
            "UID1-1700000000 messageId=<a1@example.com> octets=2381",
            "000000026b0fd0e6 sha256=" + DIGEST);
    }

    @Test
    void aUniqueIdGivenTwiceIsRefused() {
        assertThatThrownBy(() -> UidlMap.parse("{\"messages\": [{\"uidl\": \"x\", \"sha256\": \"" + DIGEST + "\"},"
            + " {\"uidl\": \"x\", \"messageId\": \"<b@c>\", \"octets\": 1}]}"))
            .hasMessage("unique-id 'x' is given twice");
    }

    @Test
    void aUniqueIdRfc1939DoesNotAllowIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> UidlMap.parse("{\"messages\": [{\"uidl\": \"ok\", \"sha256\": \"" + DIGEST + "\"},"
            + " {\"uidl\": \"has space\", \"sha256\": \"" + DIGEST + "\"}]}"))
            .hasMessage("messages[1]: not an RFC 1939 unique-id (1 to 70 characters from 0x21 to 0x7E): 'has space'");
    }

    @Test
    void anEntryWithNeitherDigestNorMessageIdAndSizeIsRefused() {
        assertThatThrownBy(() -> UidlMap.parse("{\"messages\": [{\"uidl\": \"a\", \"messageId\": \"<b@c>\"}]}"))
            .hasMessage("messages[0]: give either \"sha256\", or \"messageId\" with \"octets\", or \"headerDigest\" with \"octets\", for unique-id 'a'");
    }

    @Test
    void aDigestThatIsNotSha256HexIsRefused() {
        assertThatThrownBy(() -> UidlMap.parse("{\"messages\": [{\"uidl\": \"a\", \"sha256\": \"abc\"}]}"))
            .hasMessage("messages[0]: sha256 of unique-id 'a' is not 64 hex digits: 'abc'");
    }

    @Test
    void somethingElseThanTheMapIsRefused() {
        assertThatThrownBy(() -> UidlMap.parse("[1, 2]")).hasMessage("expected {\"messages\": [...]}");
        assertThatThrownBy(() -> UidlMap.parse("{\"messages\": ")).hasMessageStartingWith("not JSON: ");
    }
}
