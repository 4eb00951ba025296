package dev.pop3x.maildrop.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.model.ByteContent;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
    private static final long SMALL = 4_000;
    private static final long LARGE = 1_000_000;

    /** UIDs 1 to the number of sizes, of those sizes. */
    private static CompactListing listing(long... octets) {
        CompactListing listing = CompactListing.byUid("7-");
        for (int i = 0; i < octets.length; i++) {
            listing.add(i + 1, null, octets[i], RECEIVED, Optional.empty(), false);
        }
        listing.complete();
        return listing;
    }

    /** What a request for the message fetches: up to this UID. */
    private static long request(ReadAhead ahead, long uid) {
        assertThat(ahead.fetched(uid)).isEmpty();
        return ahead.fetchUpTo(uid);
    }

    @Test
    void theFirstRequestFetchesItsMessageAloneAndTheNextInOrderFetchesAheadWithinTheOctets() {
        long[] sizes = new long[300];
        Arrays.fill(sizes, SMALL);
        ReadAhead ahead = new ReadAhead(listing(sizes), Map.of());

        assertThat(request(ahead, 1)).isEqualTo(1);
        // 512 KB of 4,000-octet messages: 131 of them, from UID 2
        assertThat(request(ahead, 2)).isEqualTo(132);
    }

    @Test
    void aDownloadPassingOverALargeMessageStaysInOrderAndTheLargeMessageIsFetchedAloneKeepingWhatWasFetchedAhead() throws Exception {
        ReadAhead ahead = new ReadAhead(listing(SMALL, SMALL, LARGE, SMALL, SMALL, SMALL), Map.of());
        request(ahead, 1);
        // UID 2 stops before the large message
        assertThat(request(ahead, 2)).isEqualTo(2);

        // the reading ahead passes over UID 3, too large to send from memory
        assertThat(request(ahead, 4)).isEqualTo(6);
        ahead.keep(5, new ByteContent("five".getBytes(StandardCharsets.US_ASCII)));
        // the RETR of UID 3, streamed, comes later: fetched alone
        assertThat(request(ahead, 3)).isEqualTo(3);

        assertThat(ahead.fetched(5)).hasValueSatisfying(content -> assertThat(content).hasSize(4));
    }

    @Test
    void aClientPickingMessagesIsNotInOrder() {
        ReadAhead ahead = new ReadAhead(listing(SMALL, SMALL, SMALL, SMALL, SMALL), Map.of());
        request(ahead, 1);

        // UID 2, small, passed over: the client picks the messages it wants, nothing more is fetched
        assertThat(request(ahead, 3)).isEqualTo(3);
        assertThat(request(ahead, 5)).isEqualTo(5);
    }

    @Test
    void aRequestBehindTheFurthestIsFetchedAlone() {
        ReadAhead ahead = new ReadAhead(listing(SMALL, SMALL, SMALL, SMALL), Map.of());
        request(ahead, 1);
        request(ahead, 2);

        assertThat(request(ahead, 1)).isEqualTo(1);
        assertThat(request(ahead, 3)).isEqualTo(4);
    }
}
