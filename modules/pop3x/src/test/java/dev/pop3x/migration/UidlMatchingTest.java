package dev.pop3x.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.MaildropMessage;

class UidlMatchingTest {
    private static final String SHA_OF_ABC_CRLF = sha("abc\r\n");

    private static MaildropMessage message(String uniqueId, long octets) {
        return new MaildropMessage(uniqueId, octets, Instant.EPOCH, Optional.empty());
    }

    private static Fingerprint byId(String uniqueId, long octets, String messageId) {
        return new Fingerprint(message(uniqueId, octets), Optional.of(messageId), Optional.empty());
    }

    private static String sha(String text) {
        try {
            return Fingerprint.sha256WithCrlfLineEnds(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> changes(UidlMatching matching) {
        return matching.changes().entrySet().stream()
            .collect(Collectors.toMap(entry -> entry.getKey().uniqueId(), Map.Entry::getValue));
    }

    @Test
    void eachEntryTakesTheMessageWithItsMessageIdAndSize() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byMessageId("old-1", "<one@x>", 100), UidlMapEntry.byMessageId("old-2", "<two@x>", 200)));

        UidlMatching matching = UidlMatching.of(map, List.of(byId("f1", 100, "<one@x>"), byId("f2", 200, "<two@x>")));

        assertThat(changes(matching)).isEqualTo(Map.of("f1", "old-1", "f2", "old-2"));
        assertThat(matching.report(false)).hasToString("entries=2 matched=2 unchanged=0 ambiguous=0 unmatched=0 collisions=0");
    }

    @Test
    void theSameMessageIdWithAnotherSizeIsNoMatch() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byMessageId("old-1", "<one@x>", 101)));

        UidlMatching matching = UidlMatching.of(map, List.of(byId("f1", 100, "<one@x>")));

        assertThat(matching.changes()).isEmpty();
        assertThat(matching.report(true).unmatched()).containsExactly("old-1");
        assertThat(matching.report(true)).hasToString("entries=1 matched=0 unchanged=0 ambiguous=0 unmatched=1 collisions=0 (dry run)");
    }

    @Test
    void copiesOfOneMessagePairInOrderAndCountAsAmbiguous() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byMessageId("old-1", "<dup@x>", 100), UidlMapEntry.byMessageId("old-2", "<dup@x>", 100)));

        UidlMatching matching = UidlMatching.of(map, List.of(byId("f1", 100, "<dup@x>"), byId("f2", 100, "<dup@x>")));

        assertThat(changes(matching)).isEqualTo(Map.of("f1", "old-1", "f2", "old-2"));
        assertThat(matching.report(false).ambiguous()).isEqualTo(1);
    }

    @Test
    void aDigestFindsTheMessageWhoseCrlfFormHasIt() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byDigest("old-1", sha("abc\n"))));

        UidlMatching matching = UidlMatching.of(map, List.of(
            new Fingerprint(message("f0", 4), Optional.empty(), Optional.of(sha("xyz\r\n"))),
            new Fingerprint(message("f1", 5), Optional.empty(), Optional.of(SHA_OF_ABC_CRLF))));

        assertThat(changes(matching)).isEqualTo(Map.of("f1", "old-1"));
    }

    @Test
    void aUniqueIdAnotherMessageKeepsIsLeftOutAndSoIsOneThatWouldThenBeAnsweredTwice() {
        // f2 matches nothing and keeps "old-1"; so f1 keeps "f1"; so the entry giving f3 "f1" is left out too
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byMessageId("old-1", "<one@x>", 100), UidlMapEntry.byMessageId("f1", "<three@x>", 300)));

        UidlMatching matching = UidlMatching.of(map, List.of(byId("f1", 100, "<one@x>"), byId("old-1", 200, "<two@x>"), byId("f3", 300, "<three@x>")));

        assertThat(matching.changes()).isEmpty();
        assertThat(matching.report(false).collisions()).containsExactly("old-1", "f1");
    }

    @Test
    void anImportRunTwiceChangesNothingTheSecondTime() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byMessageId("old-1", "<one@x>", 100)));

        UidlMatching matching = UidlMatching.of(map, List.of(byId("old-1", 100, "<one@x>")));

        assertThat(matching.changes()).isEmpty();
        assertThat(matching.report(false)).hasToString("entries=1 matched=1 unchanged=1 ambiguous=0 unmatched=0 collisions=0");
    }

    @Test
    void messagesMaySwapUniqueIds() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byMessageId("b", "<one@x>", 100), UidlMapEntry.byMessageId("a", "<two@x>", 200)));

        UidlMatching matching = UidlMatching.of(map, List.of(byId("a", 100, "<one@x>"), byId("b", 200, "<two@x>")));

        assertThat(changes(matching)).isEqualTo(Map.of("a", "b", "b", "a"));
    }

    private static Fingerprint byHeaders(String uniqueId, long octets, String digest) {
        return new Fingerprint(message(uniqueId, octets), Optional.empty(), Optional.empty(), Optional.of(digest));
    }

    private static final String HEADERS_A = "a".repeat(64);

    @Test
    void aHeaderDigestTakesTheMessageOfItsSizeFirstElseAnotherSizeAsAFieldTheMoveAddedMakes() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byHeaders("old-1", HEADERS_A, 120), UidlMapEntry.byHeaders("old-2", HEADERS_A, 100)));

        UidlMatching matching = UidlMatching.of(map, List.of(byHeaders("f1", 100, HEADERS_A), byHeaders("f2", 160, HEADERS_A)));

        assertThat(changes(matching)).isEqualTo(Map.of("f2", "old-1", "f1", "old-2"));
        assertThat(matching.report(false).ambiguous()).isZero();
    }

    @Test
    void messagesHereThatNoEntryMatchedAreReported() {
        UidlMap map = new UidlMap(List.of(UidlMapEntry.byHeaders("old-1", HEADERS_A, 100), UidlMapEntry.byHeaders("old-2", "b".repeat(64), 100)));

        ImportReport report = UidlMatching.of(map, List.of(byHeaders("f1", 100, HEADERS_A), byHeaders("f9", 100, "c".repeat(64))))
            .report(false);

        assertThat(report.unmatched()).containsExactly("old-2");
        assertThat(report.unpairedHereCount()).isEqualTo(1);
        assertThat(report.unpairedHere()).containsExactly("f9");
    }
}
