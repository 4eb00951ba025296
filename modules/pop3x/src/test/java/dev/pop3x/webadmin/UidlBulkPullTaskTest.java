package dev.pop3x.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.core.Username;
import org.apache.james.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.InMemoryMaildrop;
import dev.pop3x.maildrop.LocalMaildropLocks;
import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.pull.Credentials;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.TlsMode;
import dev.pop3x.migration.pull.UidlPuller;

/**
 * The bulk pull against an old server that counts how many sessions it serves at once, and holds the first session's
 * greeting until a second session is open (so that the pull's concurrency shows on a busy machine too).
 */
class UidlBulkPullTaskTest {
    private final CountDownLatch twoOpen = new CountDownLatch(2);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private ServerSocket listener;

    private OldServer oldServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    Thread session = new Thread(() -> serve(socket));
                    session.setDaemon(true);
                    session.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return new OldServer("127.0.0.1", listener.getLocalPort(), TlsMode.NONE, false, Optional.empty(), Duration.ofSeconds(5));
    }

    /**
     * An empty maildrop; the password "wrong" is refused. A session stops counting as open before its last answer goes
     * out: the client, once it has that answer, may open the next one before this thread ends.
     */
    private void serve(Socket socket) {
        mostAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
        twoOpen.countDown();
        boolean counted = true;
        try (socket) {
            twoOpen.await(10, TimeUnit.SECONDS);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String answer = line.equals("PASS wrong") ? "-ERR [AUTH] no" : line.equals("LIST") || line.equals("UIDL") ? "+OK\r\n." : "+OK";
                boolean last = line.equals("QUIT") || answer.startsWith("-ERR");
                if (last) {
                    open.decrementAndGet();
                    counted = false;
                }
                out.write((answer + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (last) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client closed
        } finally {
            if (counted) {
                open.decrementAndGet();
            }
        }
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    @Test
    void atMostItsConcurrencyOfUsersArePulledAtOnceAndARefusedUserIsReportedWhileTheOthersGoOn() throws Exception {
        PullSecrets secrets = new PullSecrets();
        List<Username> users = IntStream.rangeClosed(1, 12).mapToObj(i -> Username.of("u" + i + "@example.com")).collect(Collectors.toList());
        Map<Username, Credentials> passwords = users.stream().collect(Collectors.toMap(user -> user,
            user -> Credentials.ofUser(user.asString(), user.asString().startsWith("u5@") ? "wrong" : "right")));
        UidlPuller puller = new UidlPuller(new UidlImporter(user -> new InMemoryMaildrop(),
            new LocalMaildropLocks(Duration.ofSeconds(1), Optional.empty())));
        UidlBulkPullTask task = new UidlBulkPullTask(puller, secrets, null, oldServer(),
            users.stream().map(user -> new UidlBulkPullTask.Target(user, user.asString())).collect(Collectors.toList()), Optional.empty(),
            secrets.hold(new PullSecrets.Secret(Optional.empty(), passwords)), false, 3, Clock.systemUTC());

        Task.Result result = task.run();

        BulkDetails details = (BulkDetails) task.details().orElseThrow();
        assertThat(result).isEqualTo(Task.Result.PARTIAL);
        assertThat(details.getDone()).isEqualTo(12);
        assertThat(details.getFailed()).isEqualTo(1);
        assertThat(details.getResults()).filteredOn(user -> user.getFailure() != null).singleElement()
            .satisfies(user -> assertThat(user.getFailure()).isEqualTo("the old server refused the login of u5@example.com: '-ERR [AUTH] no'"));
        assertThat(mostAtOnce.get()).isBetween(2, 3);
    }
}
