package dev.pop3x.migration.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pop3x.migration.HeaderDigest;

/** The pull's POP3 client against a server that answers each command with the lines given, and records the commands. */
class OldMaildropTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private ServerSocket listener;

    private OldServer serve(Map<String, String> answers) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                out.write("+OK ready\r\n".getBytes(StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    received.add(line);
                    out.write((answers.getOrDefault(line, "-ERR unknown") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (line.equals("QUIT")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client closed
            }
        });
        thread.setDaemon(true);
        thread.start();
        return new OldServer("127.0.0.1", listener.getLocalPort(), TlsMode.NONE, false, Optional.empty(), Duration.ofSeconds(5));
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    @Test
    void readsUidlListAndTheHeaderSectionOfEachMessageUnstuffed() throws Exception {
        OldServer server = serve(Map.of(
            "USER bob", "+OK", "PASS pw", "+OK 2 messages",
            "LIST", "+OK\r\n1 120\r\n2 340\r\n.",
            "UIDL", "+OK\r\n1 AAB-1\r\n2 AAB-2\r\n.",
            "TOP 1 0", "+OK\r\nSubject: one\r\n..dotted: yes\r\n\r\n.",
            "TOP 2 0", "+OK\r\nSubject: two\r\n\r\n.",
            "QUIT", "+OK bye"));

        List<OldMessage> messages = OldMaildrop.read(server, Credentials.ofUser("bob", "pw"));

        assertThat(messages).extracting(OldMessage::uidl).containsExactly("AAB-1", "AAB-2");
        assertThat(messages).extracting(OldMessage::octets).containsExactly(120L, 340L);
        assertThat(messages.get(0).headerDigest()).isEqualTo(digest("Subject: one\r\n.dotted: yes\r\n\r\n"));
        assertThat(received).containsExactly("USER bob", "PASS pw", "LIST", "UIDL", "TOP 1 0", "TOP 2 0", "QUIT");
    }

    @Test
    void aRefusedLoginQuotesTheServersAnswerEscapedAndNeverThePassword() throws Exception {
        OldServer server = serve(Map.of("USER bob", "+OK", "PASS s3cret", "-ERR [AUTH] Authentication failed.\u0007"));

        assertThatThrownBy(() -> OldMaildrop.read(server, Credentials.ofUser("bob", "s3cret")))
            .isInstanceOf(PullFailure.class)
            .hasMessage("the old server refused the login of bob: '-ERR [AUTH] Authentication failed.\\x07'")
            .hasMessageNotContaining("s3cret");
    }

    @Test
    void aMasterUserLogsInWithSaslPlainAndTheUserAsAuthorizationIdentity() throws Exception {
        String plain = Base64.getEncoder().encodeToString("bob\0admin\0master-pw".getBytes(StandardCharsets.UTF_8));
        OldServer server = serve(Map.of("AUTH PLAIN " + plain, "+OK", "LIST", "+OK\r\n.", "UIDL", "+OK\r\n.", "QUIT", "+OK"));

        assertThat(OldMaildrop.read(server, Credentials.ofMaster("bob", "admin", "master-pw", Credentials.MasterStyle.SASL))).isEmpty();
        assertThat(received).first().isEqualTo("AUTH PLAIN " + plain);
    }

    @Test
    void aDovecotMasterUserLogsInAsUserStarMaster() throws Exception {
        OldServer server = serve(Map.of("USER bob*admin", "+OK", "PASS master-pw", "+OK", "LIST", "+OK\r\n.", "UIDL", "+OK\r\n.", "QUIT", "+OK"));

        assertThat(OldMaildrop.read(server, Credentials.ofMaster("bob", "admin", "master-pw", Credentials.MasterStyle.DOVECOT))).isEmpty();
    }

    @Test
    void aUidlForAMessageListDoesNotHaveFailsThePull() throws Exception {
        OldServer server = serve(Map.of("USER bob", "+OK", "PASS pw", "+OK", "LIST", "+OK\r\n1 10\r\n.", "UIDL", "+OK\r\n1 a\r\n2 b\r\n.",
            "TOP 1 0", "+OK\r\n\r\n."));

        assertThatThrownBy(() -> OldMaildrop.read(server, Credentials.ofUser("bob", "pw")))
            .hasMessage("the old server's UIDL lists message 2, which its LIST does not");
    }

    private static String digest(String headers) throws IOException {
        return HeaderDigest.of(new ByteArrayInputStream(headers.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
