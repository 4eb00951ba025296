package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Pop3BodyTest {
    private static String encode(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static InputStream of(String message) {
        return new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void crlfMessagesPassUnchanged() throws IOException {
        assertThat(encode(new Pop3Body(of("a: b\r\n\r\nbody\r\n")))).isEqualTo("a: b\r\n\r\nbody\r\n");
    }

    @Test
    void bareLfBecomesCrlf() throws IOException {
        assertThat(encode(new Pop3Body(of("a: b\n\nbody\n")))).isEqualTo("a: b\r\n\r\nbody\r\n");
    }

    @Test
    void linesStartingWithADotGetAnother() throws IOException {
        assertThat(encode(new Pop3Body(of(".start\r\nmid.dle\r\n.\r\n..two\n.\n")))).isEqualTo("..start\r\nmid.dle\r\n..\r\n...two\r\n..\r\n");
    }

    @Test
    void theLastLineEndsWithCrlf() throws IOException {
        assertThat(encode(new Pop3Body(of("no end")))).isEqualTo("no end\r\n");
        assertThat(encode(new Pop3Body(of("cr end\r")))).isEqualTo("cr end\r\n");
        assertThat(encode(new Pop3Body(of("")))).isEmpty();
    }

    @Test
    void largeMessagesAreEncodedAcrossChunks() throws IOException {
        String line = ".".repeat(999) + "\n";
        String encoded = encode(new Pop3Body(of(line.repeat(100))));
        assertThat(encoded).isEqualTo(("." + ".".repeat(999) + "\r\n").repeat(100));
    }

    @Test
    void topStopsAfterTheRequestedBodyLines() throws IOException {
        String message = "A: 1\nB: 2\n\nline 1\nline 2\nline 3\n";
        assertThat(encode(new Pop3Body(new TopLines(of(message), 0)))).isEqualTo("A: 1\r\nB: 2\r\n\r\n");
        assertThat(encode(new Pop3Body(new TopLines(of(message), 2)))).isEqualTo("A: 1\r\nB: 2\r\n\r\nline 1\r\nline 2\r\n");
        assertThat(encode(new Pop3Body(new TopLines(of(message), 10)))).isEqualTo("A: 1\r\nB: 2\r\n\r\nline 1\r\nline 2\r\nline 3\r\n");
        assertThat(encode(new Pop3Body(new TopLines(of("A: 1\r\n\r\nx\r\n"), 0)))).isEqualTo("A: 1\r\n\r\n");
    }
}
