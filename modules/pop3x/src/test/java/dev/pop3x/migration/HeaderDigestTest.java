package dev.pop3x.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HeaderDigestTest {
    private static final String ORIGINAL = "From: a@example.test\r\nTo: b@example.test\r\nSubject: the plan\r\n"
        + "Message-ID: <1@example.test>\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\n\r\nbody\r\n";

    private static String digest(String message) throws IOException {
        return HeaderDigest.of(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aCopyWithLfLineEndsAndAnotherBodyHasTheSameDigest() throws IOException {
        assertThat(digest(ORIGINAL.replace("\r\n", "\n").replace("body", "another body"))).isEqualTo(digest(ORIGINAL));
    }

    @Test
    void fieldsADeliveryOrAMigrationAddsDoNotCount() throws IOException {
        String delivered = "Return-Path: <a@example.test>\r\nReceived: from mx by new-server; Fri, 4 Dec 2026 10:00:00 +0000\r\n"
            + "Delivered-To: b@example.test\r\nX-Original-To: b@example.test\r\n" + ORIGINAL.replace("Subject", "Status: RO\r\nX-UIDL: 17\r\nSubject");

        assertThat(digest(delivered)).isEqualTo(digest(ORIGINAL));
    }

    @Test
    void theOrderOfTheFieldsAndTheirFoldingDoNotCount() throws IOException {
        String reordered = "Subject: the\r\n  plan\r\nDate: Thu, 3 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@example.test>\r\n"
            + "To: b@example.test\r\nfrom: a@example.test\r\n\r\nbody\r\n";

        assertThat(digest(reordered)).isEqualTo(digest(ORIGINAL));
    }

    @Test
    void eightBitBytesCountAsOneQuestionMarkAsServersReplaceThemDifferently() throws IOException {
        String utf8 = new String(ORIGINAL.replace("the plan", "le d\u00e9j\u00e0-vu").getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(digest(utf8)).isEqualTo(digest(ORIGINAL.replace("the plan", "le d?j?-vu")));
    }

    @Test
    void anyOtherFieldCounts() throws IOException {
        assertThat(digest(ORIGINAL.replace("the plan", "the other plan"))).isNotEqualTo(digest(ORIGINAL));
        assertThat(digest(ORIGINAL.replace("<1@", "<2@"))).isNotEqualTo(digest(ORIGINAL));
        assertThat(digest("X-Mailer: x\r\n" + ORIGINAL)).isNotEqualTo(digest(ORIGINAL));
    }

    @Test
    void theHeaderSectionEndsAtItsBlankLine() throws IOException {
        assertThat(digest(ORIGINAL + "Subject: in the body\r\n")).isEqualTo(digest(ORIGINAL));
        assertThat(digest(ORIGINAL.substring(0, ORIGINAL.indexOf("\r\n\r\n") + 2))).isEqualTo(digest(ORIGINAL));
    }
}
