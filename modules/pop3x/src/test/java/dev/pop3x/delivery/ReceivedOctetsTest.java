package dev.pop3x.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.junit.jupiter.api.Test;

class ReceivedOctetsTest {
    private static final byte[] UTF8_HEADERS = bytes(
        "From: J\u00fcrgen M\u00fcller <j@example.test>\r\n"
            + "Subject: Gr\u00fc\u00dfe\r\n"
            + "X-Folded: first\r\n \u65e5\u672c\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "K\u00f6ln\r\n", StandardCharsets.UTF_8);
    private static final byte[] LATIN1_HEADERS = bytes(
        "Subject: Caf\u00e9 cr\u00e8me\r\n"
            + "Content-Type: text/plain; charset=iso-8859-1\r\n"
            + "\r\n"
            + "\u00e0 bient\u00f4t\r\n", StandardCharsets.ISO_8859_1);

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    /** The message as James holds one that came over SMTP: a wrapper over the octets received. */
    private static MimeMessageWrapper received(byte[] octets) throws Exception {
        return new MimeMessageWrapper(MimeMessageInputStreamSource.create("test", new ByteArrayInputStream(octets)));
    }

    private static byte[] written(ReceivedOctets octets) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        octets.writeTo(out);
        return out.toByteArray();
    }

    private static String latin1(byte[] octets) {
        return new String(octets, StandardCharsets.ISO_8859_1);
    }

    @Test
    void jamesItselfWritesEveryEightBitHeaderOctetAsAQuestionMarkAndTheBodyAsReceived() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received(UTF8_HEADERS).writeTo(out);

        assertThat(latin1(out.toByteArray()))
            .startsWith("From: J??rgen M??ller <j@example.test>\r\nSubject: Gr????e\r\nX-Folded: first\r\n ??????\r\n")
            .endsWith(latin1("\r\n\r\nK\u00f6ln\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnchangedMessageIsWrittenAsReceived() throws Exception {
        assertThat(written(ReceivedOctets.of(received(UTF8_HEADERS), Optional.empty()))).isEqualTo(UTF8_HEADERS);
        assertThat(written(ReceivedOctets.of(received(LATIN1_HEADERS), Optional.empty()))).isEqualTo(LATIN1_HEADERS);
    }

    @Test
    void aFieldAMailetAddsIsWrittenAndTheReceivedFieldsKeepTheirOctets() throws Exception {
        MimeMessageWrapper message = received(UTF8_HEADERS);
        message.addHeader("Delivered-To", "demo@pop3x.local");

        assertThat(latin1(written(ReceivedOctets.of(message, Optional.empty()))))
            .isEqualTo("Delivered-To: demo@pop3x.local\r\n" + latin1(UTF8_HEADERS));
    }

    @Test
    void omittedFieldsAreLeftOutAndTheRestIsAsReceived() throws Exception {
        byte[] withReturnPath = ("Return-Path: <old@example.test>\r\n" + latin1(LATIN1_HEADERS)).getBytes(StandardCharsets.ISO_8859_1);

        assertThat(written(ReceivedOctets.of(received(withReturnPath), Optional.empty(), "Return-Path"))).isEqualTo(LATIN1_HEADERS);
    }

    @Test
    void aFieldAMailetSetsAsTextBeyondLatin1IsWrittenInUtf8() throws Exception {
        MimeMessageWrapper message = received(LATIN1_HEADERS);
        message.setHeader("X-Label", "\u65e5\u672c");

        assertThat(written(ReceivedOctets.of(message, Optional.empty())))
            .startsWith("X-Label: \u65e5\u672c\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyAMailetReplacedIsWrittenAsJamesWritesItUnderTheReceivedHeader() throws Exception {
        MimeMessageWrapper message = received(UTF8_HEADERS);
        message.setText("new body\r\n", "utf-8");
        message.saveChanges();

        assertThat(latin1(written(ReceivedOctets.of(message, Optional.empty()))))
            .contains(latin1("Subject: Gr\u00fc\u00dfe\r\n".getBytes(StandardCharsets.UTF_8)))
            .endsWith("\r\n\r\nnew body\r\n");
    }

    @Test
    void aMessageThatIsNotJamesOwnIsWrittenWithItsHeaderOctets() throws Exception {
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(LATIN1_HEADERS));

        assertThat(written(ReceivedOctets.of(message, Optional.empty()))).isEqualTo(LATIN1_HEADERS);
    }

    /** What James's mail queue does to every message: a copy, written through James's writeTo. */
    private static MimeMessageWrapper copied(MimeMessageWrapper message) throws Exception {
        return new MimeMessageWrapper(new MimeMessageWrapper(message));
    }

    @Test
    void aCopyByJamesHasLostTheEightBitHeaderOctets() throws Exception {
        assertThat(written(ReceivedOctets.of(copied(received(UTF8_HEADERS)), Optional.empty())))
            .isNotEqualTo(UTF8_HEADERS);
    }

    @Test
    void theRecordedHeaderPutsTheOctetsBackIntoACopy() throws Exception {
        MimeMessageWrapper received = received(UTF8_HEADERS);
        Optional<HeaderOctets> record = HeaderOctets.ofReceived(received);

        assertThat(written(ReceivedOctets.of(copied(received), record))).isEqualTo(UTF8_HEADERS);
    }

    @Test
    void aFieldAMailetChangedInACopyKeepsTheChangeAndTheOtherFieldsTheirOctets() throws Exception {
        MimeMessageWrapper received = received(LATIN1_HEADERS);
        MimeMessageWrapper copy = copied(received);
        copy.setHeader("Content-Type", "text/plain; charset=windows-1252");

        assertThat(latin1(written(ReceivedOctets.of(copy, HeaderOctets.ofReceived(received)))))
            .contains("Subject: Caf\u00e9 cr\u00e8me\r\n")
            .contains("Content-Type: text/plain; charset=windows-1252\r\n")
            .doesNotContain("iso-8859-1")
            .endsWith("\r\n\r\n\u00e0 bient\u00f4t\r\n");
    }

    @Test
    void anAsciiHeaderGetsNoRecord() throws Exception {
        assertThat(HeaderOctets.ofReceived(received("Subject: plain\r\n\r\nb\u00f6dy\r\n".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void theRecordSurvivesTheMailAttributeItTravelsIn() throws Exception {
        HeaderOctets record = HeaderOctets.ofReceived(received(LATIN1_HEADERS)).orElseThrow();
        MailImpl mail = MailImpl.builder().name("m").addAttribute(record.asAttribute()).build();

        assertThat(HeaderOctets.recordedOn(MailImpl.duplicate(mail))).contains(record);
    }

    @Test
    void theContentSizeIsTheNumberOfOctetsItStreams() throws Exception {
        MimeMessageWrapper message = received(UTF8_HEADERS);
        message.addHeader("Delivered-To", "demo@pop3x.local");
        ReceivedOctetsContent content = new ReceivedOctetsContent(ReceivedOctets.of(message, Optional.empty()));

        assertThat(content.size()).isEqualTo(content.getInputStream().readAllBytes().length)
            .isEqualTo(UTF8_HEADERS.length + "Delivered-To: demo@pop3x.local\r\n".length());
    }
}
