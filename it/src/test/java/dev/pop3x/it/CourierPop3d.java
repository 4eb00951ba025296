package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Courier's pop3d (Debian's courier-pop, {@code courierpop3d}) serving one Maildir, as its login program starts it
 * once a user is authenticated ({@code AUTHENTICATED} set, the Maildir as argument): a whole session on its standard
 * input and output, no daemon, no network. The package conflicts with Dovecot's ({@code pop3-server}), so
 * {@code ./verify} unpacks its binary into {@link #UNPACKED}; an installed courier-pop is used where there is one.
 */
final class CourierPop3d {
    static final Path UNPACKED = Path.of("/opt/pop3x-tests/courier-pop/usr/lib/courier/courier/courierpop3d");
    static final Path INSTALLED = Path.of("/usr/lib/courier/courier/courierpop3d");
    static final Path POP3D = Files.isExecutable(INSTALLED) ? INSTALLED : UNPACKED;

    private CourierPop3d() {
    }

    /** One session: LIST and UIDL, then QUIT; what each listed, without the status and terminating lines. */
    static Listing listing(String user, Path maildir) throws Exception {
        Commands.Result session = Commands.run("LIST\r\nUIDL\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII),
            "env", "AUTHENTICATED=" + user, POP3D.toString(), maildir.toString());
        List<String> lines = session.stdout().lines().toList();
        assertThat(lines.get(0)).as(session.stdout() + session.stderr()).isEqualTo("+OK logged in.");
        List<List<String>> bodies = new ArrayList<>();
        List<String> body = null;
        for (String line : lines.subList(1, lines.size())) {
            if (body == null) {
                assertThat(line).as(session.stdout()).startsWith("+OK");
                body = new ArrayList<>();
            } else if (line.equals(".")) {
                bodies.add(body);
                body = null;
            } else {
                body.add(line);
            }
        }
        assertThat(bodies).as(session.stdout()).hasSize(2);
        return new Listing(bodies.get(0), bodies.get(1));
    }

    /** What LIST and UIDL answered, a line per message. */
    record Listing(List<String> list, List<String> uidl) {
    }
}
