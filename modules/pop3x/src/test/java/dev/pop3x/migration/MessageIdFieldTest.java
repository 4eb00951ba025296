package dev.pop3x.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MessageIdFieldTest {
    private static Optional<String> read(String message) throws IOException {
        return MessageIdField.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
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
    void theFirstFieldCounts() throws IOException {
        assertThat(read("Message-ID: <first@x>\nMessage-ID: <second@x>\n\n")).contains("<first@x>");
    }
}
