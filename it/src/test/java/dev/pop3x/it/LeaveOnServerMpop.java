package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * mpop as a leave-on-server client ({@code keep on}): it remembers the unique-ids it downloaded in its own file and
 * delivers into a Maildir, so pointing it at another server shows whether that server makes it download again.
 */
final class LeaveOnServerMpop {
    private final Path home;
    private final String user;
    private final String password;

    LeaveOnServerMpop(Path home, String user, String password) throws IOException {
        this.home = home;
        this.user = user;
        this.password = password;
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir().resolve(sub));
        }
    }

    /** Where it delivers. */
    Path maildir() {
        return home.resolve("Maildir");
    }

    /** The messages it has delivered so far. */
    long delivered() throws IOException {
        return DirectoryEntries.count(maildir().resolve("new"));
    }

    /**
     * Writes mpop's file of the unique-ids it has (its format: {@code " <count> <host> <user>"}, then the unique-ids in
     * ascending order), as it would be after syncing against a server that gave these: the previous server, which
     * cannot run here.
     */
    void remember(List<String> uniqueIds) throws IOException {
        List<String> sorted = new ArrayList<>(uniqueIds);
        Collections.sort(sorted);
        Files.writeString(home.resolve("uidls"), " " + sorted.size() + " 127.0.0.1 " + user + "\n" + String.join("\n", sorted) + "\n");
    }

    /** Polls the server on this port once; returns mpop's debug transcript. */
    String poll(int port) throws Exception {
        Path config = Files.writeString(home.resolve("mpoprc"), String.join("\n",
            "account migrating",
            "host 127.0.0.1",
            "port " + port,
            "tls off",
            "user " + user,
            "password " + password,
            "auth plain",
            "delivery maildir " + maildir(),
            "keep on",
            "uidls_file " + home.resolve("uidls"),
            ""));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Commands.Result result = Commands.run("mpop", "-C", config.toString(), "-a", "-d");
        String transcript = result.stdout() + result.stderr();
        assertThat(transcript).contains("--> QUIT");
        return transcript;
    }
}
