package dev.pop3x.maildrop.maildir.uidl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourierSizelistTest {
    private static final Instant NOW = Instant.ofEpochSecond(1796288405L);

    @TempDir
    Path maildir;

    private final CourierSizelist.Numbering numbering = new CourierSizelist.Numbering(Clock.fixed(NOW, ZoneOffset.UTC), false);

    /** Files in new/ with these names and contents, as scanned, in this order. */
    private Map<String, ScannedMessage> messages(String... namesAndContents) throws Exception {
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        Map<String, ScannedMessage> messages = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            Path file = Files.writeString(maildir.resolve("new").resolve(namesAndContents[i]), namesAndContents[i + 1], StandardCharsets.ISO_8859_1);
            messages.put(CourierSizelist.baseName(namesAndContents[i]), new ScannedMessage(file, namesAndContents[i + 1].length() + 2));
        }
        return messages;
    }

    private String sizelist() throws Exception {
        return Files.readString(maildir.resolve(CourierSizelist.FILE), StandardCharsets.ISO_8859_1);
    }

    @Test
    void withoutASizelistMessagesAreNumberedInCourierOrderUnderTheCurrentTimeAndAVersion3FileIsWritten() throws Exception {
        Map<String, ScannedMessage> scanned = messages("1700000009.M1P1.h", "a: 1\n\nx\n", "1700000002.M7P1.h", "b: \u00e9\n\ny\n");

        CourierSizelist numbered = numbering.number(maildir, scanned);

        assertThat(numbered.order()).containsExactly("1700000002.M7P1.h", "1700000009.M1P1.h");
        assertThat(numbered.uidls()).containsEntry("1700000002.M7P1.h", "UID1-1796288405").containsEntry("1700000009.M1P1.h", "UID2-1796288405");
        // as Courier will name them once its pop3d moved them to cur/; the 8-bit header marked as UTF-8
        assertThat(sizelist()).isEqualTo("/3 3 1796288405\n1700000002.M7P1.h:2, 10 1:1796288405:1\n1700000009.M1P1.h:2, 10 2:1796288405:0\n");
    }

    @Test
    void knownMessagesKeepTheirNumbersAndSizesAndNewOnesTakeTheNextUids() throws Exception {
        Files.writeString(maildir.resolve(CourierSizelist.FILE), "/3 8 1700000000\n1700000001.M1P1.h:2,S 120 5:1700000000:0\n");
        Map<String, ScannedMessage> scanned = messages("1700000003.M1P1.h", "new\n", "1700000001.M1P1.h:2,S", "known\n");

        CourierSizelist numbered = numbering.number(maildir, scanned);

        assertThat(numbered.uidls()).isEqualTo(Map.of("1700000001.M1P1.h", "UID5-1700000000", "1700000003.M1P1.h", "UID8-1700000000"));
        assertThat(sizelist()).isEqualTo("/3 9 1700000000\n1700000001.M1P1.h:2,S 120 5:1700000000:0\n1700000003.M1P1.h:2, 6 8:1700000000:0\n");
    }

    @Test
    void aSizelistThatDescribesTheMaildirIsLeftAsItIs() throws Exception {
        String content = "/3 2 1700000000\n1700000001.M1P1.h:2, 9 1:1700000000:0\n";
        Files.writeString(maildir.resolve(CourierSizelist.FILE), content);
        Map<String, ScannedMessage> scanned = messages("1700000001.M1P1.h", "known\n");
        Files.setLastModifiedTime(maildir.resolve(CourierSizelist.FILE), FileTime.fromMillis(0));

        numbering.number(maildir, scanned);

        assertThat(Files.getLastModifiedTime(maildir.resolve(CourierSizelist.FILE)).toMillis()).isZero();
        assertThat(sizelist()).isEqualTo(content);
    }

    @Test
    void aVersion2SizelistIsReadAndWrittenAgainAsVersion3() throws Exception {
        Files.writeString(maildir.resolve(CourierSizelist.FILE), "/2 4 1600000000\n1700000001.M1P1.h:2, 9 3:1600000000\n");
        Map<String, ScannedMessage> scanned = messages("1700000001.M1P1.h", "known\n");

        assertThat(numbering.number(maildir, scanned).uidls()).isEqualTo(Map.of("1700000001.M1P1.h", "UID3-1600000000"));
        assertThat(sizelist()).isEqualTo("/3 4 1600000000\n1700000001.M1P1.h:2, 9 3:1600000000:0\n");
    }

    @Test
    void theSizelistsOfCourierBefore2003KeepTheirUidls() throws Exception {
        Files.writeString(maildir.resolve(CourierSizelist.FILE), "/1 3\n1700000001.M1P1.h:2, 9 2\n");
        assertThat(numbering.number(maildir, messages("1700000001.M1P1.h", "known\n")).uidls()).containsEntry("1700000001.M1P1.h", "UID2");

        Files.writeString(maildir.resolve(CourierSizelist.FILE), "1700000001.M1P1+h'x:2, 9\n");
        assertThat(numbering.number(maildir, messages("1700000001.M1P1+h'x", "known\n")).uidls())
            .containsEntry("1700000001.M1P1+h'x", "1700000001.M1P1+2Bh+27x");
    }

    @Test
    void aHeaderOfAnUnknownVersionIsUnusableAndLeftAlone() throws Exception {
        Files.writeString(maildir.resolve(CourierSizelist.FILE), "/4 2 1700000000\n");
        Map<String, ScannedMessage> scanned = messages("1700000001.M1P1.h", "x\n");

        assertThatThrownBy(() -> numbering.number(maildir, scanned)).isInstanceOf(UnusableUidlFile.class)
            .hasMessageEndingWith("courierpop3dsizelist line 1: not a header of a version Courier wrote: '/4 2 1700000000'");
        assertThat(sizelist()).isEqualTo("/4 2 1700000000\n");
    }

    @Test
    void namesOfOneSecondCompareOctetByOctetUpToTheFlags() {
        List<String> names = new ArrayList<>(List.of("1700000000.M2P1.h", "1700000000.M10P1.h", "999.x", "1700000000.M1P1.h"));

        names.sort(CourierSizelist.ORDER);

        assertThat(names).containsExactly("999.x", "1700000000.M10P1.h", "1700000000.M1P1.h", "1700000000.M2P1.h");
    }

    @Test
    void anEmptyMaildirWritesNothing() throws Exception {
        assertThat(numbering.number(maildir, Map.of()).order()).isEmpty();
        assertThat(Files.exists(maildir.resolve(CourierSizelist.FILE))).isFalse();
    }
}
