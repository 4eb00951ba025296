package dev.pop3x.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MessageIdFieldTest {
    /** Read from a stream (an import, the audit of a message never sent) and from memory (RETR's octets): the same. */
    private static Optional<String> read(String message) throws IOException {
        byte[] octets = message.getBytes(StandardCharsets.ISO_8859_1);
        Optional<String> streamed = MessageIdField.read(new ByteArrayInputStream(octets));
        assertThat(MessageIdField.rawValue(octets).flatMap(MessageIdField::of)).as("read from memory").isEqualTo(streamed);
        return streamed;
    }

    @Test
    void theFieldIsFoundWhateverItsCaseAndFolding() throws IOException {
        assertThat(read("From: a@b\r\nMESSAGE-id:\r\n  <x.1@example.com> (sent)\r\nSubject: s\r\n\r\nbody\r\n")).contains("<x.1@example.com>");
    }

    @Test
    void aMessageIdInTheBodyIsNotTheMessagesOwn() throws IOException {
        assertThat(read("From: a@b\n\nMessage-ID: <quoted@example.com>\n")).isEmpty();
    }

    @Test
    void aDotStuffedMessageAsRetrSendsItHasTheSameField() throws IOException {
        assertThat(read("Received: x\r\nMessage-Id: <d@x>\r\n\r\n..stuffed\r\n.\r\n")).contains("<d@x>");
    }

    @Test
    void aMessageWithoutHeadersOrWithoutTheFieldHasNone() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\r\nMessage-ID: <body@x>\r\n")).isEmpty();
        assertThat(read("Message-IDs: <not@x>\r\nMessage-I")).isEmpty();
    }

    @Test
    void theFirstFieldCounts() throws IOException {
        assertThat(read("Message-ID: <first@x>\nMessage-ID: <second@x>\n\n")).contains("<first@x>");
    }
}
