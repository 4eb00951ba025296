package dev.pop3x.maildrop.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import javax.mail.Flags;

import org.junit.jupiter.api.Test;

class RetrievalKeywordTest {
    private static Flags keywords(String... keywords) {
        Flags flags = new Flags(Flags.Flag.SEEN);
        for (String keyword : keywords) {
            flags.add(keyword);
        }
        return flags;
    }

    @Test
    void aRetrievalIsKeptAsTheKeywordOfItsUtcDay() {
        assertThat(RetrievalKeyword.of(Instant.parse("2026-12-06T23:59:59Z"))).isEqualTo("$pop3x-retrieved-20261206");
    }

    @Test
    void aKeywordReadsAsTheEndOfItsDay() {
        assertThat(RetrievalKeyword.retrieved(keywords("$pop3x-retrieved-20261206"))).contains(Instant.parse("2026-12-07T00:00:00Z"));
    }

    @Test
    void aRetrievalReadsBackAsItsKeywordWillBeRead() {
        Instant when = Instant.parse("2024-02-29T08:30:00Z");
        assertThat(RetrievalKeyword.retrieved(keywords(RetrievalKeyword.of(when)))).contains(RetrievalKeyword.readAs(when));
    }

    @Test
    void ofTwoKeywordsTheEarlierDayCounts() {
        assertThat(RetrievalKeyword.retrieved(keywords("$pop3x-retrieved-20261206", "$pop3x-retrieved-20251231")))
            .contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aMessageWithoutTheKeywordWasNotRetrieved() {
        assertThat(RetrievalKeyword.retrieved(keywords("$Forwarded", "retrieved-20261206"))).isEmpty();
    }

    @Test
    void keywordsOfTheSameShapeThatAreNoDayAreNotOurs() {
        assertThat(RetrievalKeyword.retrieved(keywords("$pop3x-retrieved-2026120", "$pop3x-retrieved-202612060",
            "$pop3x-retrieved-2026120x", "$pop3x-retrieved-20261301", "$pop3x-retrieved-20230229", "$pop3x-retrieved-20261200",
            "$pop3x-retrieved-+2026120"))).isEmpty();
    }

    @Test
    void aDayThatIsNoneIsSkippedForTheNextKeyword() {
        assertThat(RetrievalKeyword.retrieved(keywords("$pop3x-retrieved-20261301", "$pop3x-retrieved-20261206")))
            .contains(Instant.parse("2026-12-07T00:00:00Z"));
    }
}
