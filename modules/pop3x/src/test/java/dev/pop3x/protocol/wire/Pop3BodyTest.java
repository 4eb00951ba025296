package dev.pop3x.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

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

    /** The RFC 1939 encoding one byte at a time, as plainly as it can be written: what Pop3Body must give. */
    private static byte[] reference(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (message.length > 0 && !lineStart) {
            if (message[message.length - 1] != '\r') {
                out.write('\r');
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Test
    void randomMessagesOfDotsCrsAndLfsEncodeAsTheByteByByteDefinitionAtEveryBufferSize() throws IOException {
        Random random = new Random(1939);
        byte[] alphabet = {'.', '\r', '\n', 'a', ' '};
        for (int round = 0; round < 2000; round++) {
            byte[] message = new byte[random.nextInt(round < 1000 ? 40 : 20_000)];
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
            }
            long hint = random.nextInt(3) == 0 ? 1 : message.length;
            byte[] encoded = new Pop3Body(new ByteArrayInputStream(message), hint).readAllBytes();
            assertThat(encoded).as("round %d", round).isEqualTo(reference(message));
        }
    }

    @Test
    void aWholeMessageEncodedAtOnceIsWhatTheStreamSends() throws IOException {
        Random random = new Random(1939);
        byte[] alphabet = {'a', '.', '\r', '\n', ' ', (byte) 0xe9};
        for (int round = 0; round < 2_000; round++) {
            byte[] message = new byte[random.nextInt(1_000)];
            for (int i = 0; i < message.length; i++) {
                message[i] = alphabet[random.nextInt(alphabet.length)];
            }
            // read in chunks of 256 octets, so that line ends and dots fall across them
            byte[] streamed = new Pop3Body(new ByteArrayInputStream(message), 16).readAllBytes();
            assertThat(Pop3Body.encode(message)).as("round %d", round).isEqualTo(streamed).isEqualTo(reference(message));
        }
    }
}
