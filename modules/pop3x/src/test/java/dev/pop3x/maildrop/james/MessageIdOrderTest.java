package dev.pop3x.maildrop.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MessageIdOrderTest {
    /** A version 1 UUID with this 60-bit timestamp and these last eight octets, as Cassandra's timeuuid holds it. */
    private static String timeUuid(long timestamp, long lastOctets) {
        long high = (timestamp & 0xFFFF_FFFFL) << 32 | ((timestamp >>> 32) & 0xFFFF) << 16 | 0x1000 | ((timestamp >>> 48) & 0x0FFF);
        return new UUID(high, lastOctets).toString();
    }

    @Test
    void timeUuidsAreOrderedByTheirTimestampNotTheirText() {
        String earlier = timeUuid(0x1EF_0000_FFFF_FFFFL, 0x8000_0000_0000_0001L);
        String later = timeUuid(0x1EF_0001_0000_0000L, 0x8000_0000_0000_0001L);

        assertThat(later.compareTo(earlier)).isNegative();
        assertThat(MessageIdOrder.INSTANCE.compare(earlier, later)).isNegative();
        assertThat(UUID.fromString(earlier).timestamp()).isEqualTo(0x1EF_0000_FFFF_FFFFL);
    }

    @Test
    void timeUuidsOfOneTimestampAreOrderedByTheirLastOctetsAsSignedBytes() {
        long timestamp = 0x1EF_1234_5678_9ABCL;
        String negativeFirstOctet = timeUuid(timestamp, 0x80L << 56);
        String zero = timeUuid(timestamp, 0L);
        String positive = timeUuid(timestamp, 0x7FL << 56);
        String negativeLaterOctet = timeUuid(timestamp, 0x00_80L << 48);

        List<String> ids = new ArrayList<>(List.of(positive, negativeLaterOctet, zero, negativeFirstOctet));
        ids.sort(MessageIdOrder.INSTANCE);

        assertThat(ids).containsExactly(negativeFirstOctet, negativeLaterOctet, zero, positive);
    }

    @Test
    void numericMessageIdsAreOrderedAsNumbers() {
        List<String> ids = new ArrayList<>(List.of("10", "9", "100", "1"));
        ids.sort(MessageIdOrder.INSTANCE);

        assertThat(ids).containsExactly("1", "9", "10", "100");
    }
}
