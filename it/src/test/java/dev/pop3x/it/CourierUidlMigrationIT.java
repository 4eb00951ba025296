package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Courier's pop3d (Debian's courier-pop) and James with pop3x ({@code maildir.uidl = courier}) serve the same
 * Maildirs, as during a migration from Courier: mail Courier numbered in its {@code courierpop3dsizelist} keeps its
 * {@code UID<n>-<uidvalidity>}, number and size in pop3x, and mail that arrives afterwards, whichever server lists it
 * first, gets the same UIDL from both. {@code .ci/run} unpacks Courier's pop3d from courier-pop ({@link CourierPop3d}).
 */
class CourierUidlMigrationIT {
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Path ROOT = TempDirectories.create("pop3x-courier-maildirs");
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final AtomicInteger DROPS = new AtomicInteger();

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.maildirsIn(ROOT)
        .andThen(home -> home.edit("pop3x.properties", properties -> properties + "\nmaildir.uidl[" + DOMAIN + "]=courier\n")));

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    /** A user whose Maildir has these messages, dropped into new/ as Postfix or Courier's own delivery would. */
    private static String userWithMail(int messages) throws IOException {
        String name = "courier" + USERS.incrementAndGet();
        String user = name + "@" + DOMAIN;
        server.addUser(user, PASSWORD);
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildirOf(user).resolve(sub));
        }
        for (int i = 1; i <= messages; i++) {
            drop(user, "before the move " + i);
        }
        return user;
    }

    private static Path maildirOf(String user) {
        String[] address = user.split("@");
        return ROOT.resolve(address[1]).resolve(address[0]).resolve("Maildir");
    }

    private static void drop(String user, String subject) throws IOException {
        int drop = DROPS.incrementAndGet();
        Files.writeString(maildirOf(user).resolve("new").resolve((1_700_000_000L + drop) + ".M" + drop + "P99.mx.example"),
            "From: sender@example.test\nTo: " + user + "\nSubject: " + subject + "\n\nbody of " + subject + "\n");
    }

    private static CourierPop3d.Listing pop3x(String user) {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            List<String> list = pop.multiline("LIST");
            List<String> uidl = pop.multiline("UIDL");
            pop.command("QUIT");
            return new CourierPop3d.Listing(list.subList(1, list.size() - 1), uidl.subList(1, uidl.size() - 1));
        }
    }

    private static CourierPop3d.Listing courier(String user) throws Exception {
        return CourierPop3d.listing(user, maildirOf(user));
    }

    @Test
    void mailCourierNumberedHasTheSameUidlsSizesAndNumbersInPop3x() throws Exception {
        String user = userWithMail(3);
        CourierPop3d.Listing theirs = courier(user);

        CourierPop3d.Listing ours = pop3x(user);

        assertThat(theirs.uidl()).hasSize(3).allMatch(line -> line.matches("\\d UID\\d-\\d+"));
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void mailArrivingAfterTheMoveGetsTheSameUidlWhicheverServerListsItFirst() throws Exception {
        String user = userWithMail(2);
        courier(user);

        deliverThroughJames(user, "by james, listed by pop3x first");
        CourierPop3d.Listing afterPop3x = pop3x(user);
        assertThat(courier(user)).isEqualTo(afterPop3x);

        drop(user, "dropped in, listed by courier first");
        CourierPop3d.Listing afterCourier = courier(user);
        assertThat(pop3x(user)).isEqualTo(afterCourier);

        // numbered as each came (James's delivery third), listed by the time in the file names, as Courier lists: the
        // file dropped last carries an older time than James's delivery
        assertThat(afterCourier.uidl()).extracting(line -> line.split(" ")[1].replaceAll("-.*", ""))
            .containsExactly("UID1", "UID2", "UID4", "UID3");
    }

    @Test
    void aMessageDeletedThroughPop3xIsGoneFromCourierAndTheOthersKeepTheirUidls() throws Exception {
        String user = userWithMail(3);
        CourierPop3d.Listing before = courier(user);

        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }

        CourierPop3d.Listing after = courier(user);
        assertThat(after.uidl()).extracting(line -> line.split(" ")[1])
            .containsExactly(before.uidl().get(0).split(" ")[1], before.uidl().get(2).split(" ")[1]);
        assertThat(pop3x(user)).isEqualTo(after);
    }

    private static void deliverThroughJames(String user, String subject) {
        int before = pop3x(user).uidl().size();
        server.smtp().deliver("sender@example.test", user, Messages.text("sender@example.test", user, subject, "x\n"));
        Eventually.until(Duration.ofSeconds(10), "delivery of " + subject, () -> pop3x(user).uidl().size() > before);
    }
}
