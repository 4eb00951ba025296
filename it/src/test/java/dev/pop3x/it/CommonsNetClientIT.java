package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.commons.net.pop3.POP3Client;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A library client (Apache Commons Net) downloads and deletes mail delivered over SMTP, through pop3x. */
class CommonsNetClientIT {
    private static final String USER = "commons-net@pop3x.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    @Test
    void downloadAndDeleteSession() throws Exception {
        RunningJames server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        server.deliver(USER, Messages.text("a@example.test", USER, "first", "body one\n"));
        server.deliver(USER, Messages.text("b@example.test", USER, "second", "body two\n.starts with a dot\n"));

        POP3Client client = server.pop3Client();
        assertThat(client.login(USER, PASSWORD)).isTrue();
        POP3MessageInfo status = client.status();
        assertThat(status.number).isEqualTo(2);
        POP3MessageInfo[] list = client.listMessages();
        assertThat(Arrays.stream(list).mapToLong(info -> info.size).sum()).isEqualTo(status.size);
        assertThat(Arrays.stream(client.listUniqueIdentifiers()).map(info -> info.identifier)).containsExactly("1", "2");
        assertThat(read(client.retrieveMessageTop(1, 0))).contains("Subject: first").doesNotContain("body one");
        String second = read(client.retrieveMessage(2));
        assertThat(second).contains("Subject: second").endsWith("body two\n.starts with a dot\n");
        assertThat(second.length() + second.lines().count()).as("octets with CRLF line ends").isEqualTo(list[1].size);
        assertThat(client.deleteMessage(1)).isTrue();
        assertThat(client.logout()).isTrue();
        client.disconnect();

        POP3Client again = server.pop3Client();
        assertThat(again.login(USER, PASSWORD)).isTrue();
        assertThat(Arrays.stream(again.listUniqueIdentifiers()).map(info -> info.identifier)).containsExactly("2");
        again.logout();
        again.disconnect();
        assertThat(server.messageCount(USER)).isEqualTo(1);
    }

    private static String read(Reader reader) throws IOException {
        try (BufferedReader lines = new BufferedReader(reader)) {
            return lines.lines().map(line -> line + "\n").collect(Collectors.joining());
        }
    }
}
