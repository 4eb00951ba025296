package dev.pop3x.maildrop.james;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.MaildropMessage;

class CompactListingTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void uidUniqueIdsAreListedInUidOrderWithTheirPrefix() {
        CompactListing listing = CompactListing.byUid("7-");
        listing.add(3, null, 100, RECEIVED, Optional.empty(), false);
        listing.add(5, null, 200, RECEIVED, Optional.empty(), false);
        listing.complete();

        assertThat(listing).extracting(MaildropMessage::uniqueId).containsExactly("7-3", "7-5");
        assertThat(listing.uidOf("7-5")).isEqualTo(5);
    }

    @Test
    void messageIdUniqueIdsAreListedInMessageIdOrderAndFindTheirUid() {
        CompactListing listing = CompactListing.byMessageId();
        // a message moved into the INBOX later keeps its older message id, so UID order and message id order differ
        listing.add(1, "20", 100, RECEIVED, Optional.empty(), false);
        listing.add(2, "3", 200, RECEIVED, Optional.of(RECEIVED.plusSeconds(60)), false);
        listing.add(3, "100", 300, RECEIVED, Optional.empty(), false);
        listing.complete();

        assertThat(listing).extracting(MaildropMessage::uniqueId).containsExactly("3", "20", "100");
        assertThat(listing).extracting(MaildropMessage::octets).containsExactly(200L, 100L, 300L);
        assertThat(listing.get(0).retrieved()).contains(RECEIVED.plusSeconds(60));
        assertThat(listing.uidOf("3")).isEqualTo(2);
        assertThat(listing.uidOf("20")).isEqualTo(1);
        assertThat(listing.uidOf("100")).isEqualTo(3);
        assertThatThrownBy(() -> listing.uidOf("4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopyKeepsTheOrderAndRecordsItsOwnRetrievals() {
        CompactListing listing = CompactListing.byMessageId();
        listing.add(1, "20", 100, RECEIVED, Optional.empty(), false);
        listing.add(2, "3", 200, RECEIVED, Optional.empty(), false);
        listing.complete();

        CompactListing copy = listing.copy();
        copy.retrieved(1, RECEIVED.plusSeconds(5));

        assertThat(copy).extracting(MaildropMessage::uniqueId).containsExactly("3", "20");
        assertThat(copy.get(1).retrieved()).contains(RECEIVED.plusSeconds(5));
        assertThat(listing.get(1).retrieved()).isEmpty();
    }

    @Test
    void importedUniqueIdsAnswerForTheirMessagesAndFindTheirUid() {
        CompactListing listing = CompactListing.byUid("");
        listing.add(1, null, 100, RECEIVED, Optional.empty(), false);
        listing.add(2, null, 200, RECEIVED, Optional.empty(), false);
        listing.complete();

        listing.imported(Map.of(1L, "UID7-1700000000", 9L, "gone"));

        assertThat(listing).extracting(MaildropMessage::uniqueId).containsExactly("UID7-1700000000", "2");
        assertThat(listing.uidOf("UID7-1700000000")).isEqualTo(1);
    }

    @Test
    void mailWhoseOwnUniqueIdWasImportedForAnotherMessageIsListedShadowed() {
        // the previous server named its mail with numbers too: message 1 was its "3", and UID 3 came after the import
        CompactListing listing = CompactListing.byUid("");
        listing.add(1, null, 100, RECEIVED, Optional.empty(), false);
        listing.add(3, null, 300, RECEIVED, Optional.empty(), false);
        listing.complete();

        listing.imported(Map.of(1L, "3"));

        assertThat(listing).extracting(MaildropMessage::uniqueId).containsExactly("3", "pop3x-3");
        assertThat(listing.uidOf("3")).isEqualTo(1);
        assertThat(listing.uidOf("pop3x-3")).isEqualTo(3);
    }

    @Test
    void aRetrievalMarksTheMessageSeenInTheCopyAlone() {
        CompactListing listing = CompactListing.byUid("");
        listing.add(1, null, 100, RECEIVED, Optional.empty(), true);
        listing.add(2, null, 200, RECEIVED, Optional.empty(), false);
        listing.complete();

        CompactListing copy = listing.copy();
        copy.retrieved(2, RECEIVED.plusSeconds(5));

        assertThat(copy.isSeen(1)).isTrue();
        assertThat(copy.isSeen(2)).isTrue();
        assertThat(listing.isSeen(2)).isFalse();
        assertThat(listing.isSeen(3)).isFalse();
    }
}
