package dev.pop3x.it.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;

import dev.pop3x.it.JamesHome;
import dev.pop3x.it.Messages;
import dev.pop3x.it.Pop3ListenersProbe;
import dev.pop3x.it.RunningJames;

/**
 * README command 1: an embedded memory James started from conf/ with pop3x, a demo user and a welcome
 * message, on 127.0.0.1. Ctrl-C stops it.
 */
public final class DemoServer {
    static final String DOMAIN = "pop3x.local";
    static final String USER = "demo@" + DOMAIN;
    /** conf/pop3x.properties serves this domain from Maildir. */
    static final String MAILDIR_USER = "demo@maildir." + DOMAIN;
    static final String PASSWORD = "demo";
    static final String WELCOME_SUBJECT = "Welcome to pop3x";

    private final Path home;
    private final GuiceJamesServer server;

    private DemoServer(Path home, GuiceJamesServer server) {
        this.home = home;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DemoServer demo = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "pop3x-demo-shutdown"));
        RunningJames james = new RunningJames(demo.server);
        System.out.println();
        System.out.println("pop3x demo is running: James 3.8.1 memory server, home " + demo.home);
        System.out.println("  POP3      127.0.0.1:" + james.pop3Port() + "  (STLS)");
        System.out.println("  POP3S     127.0.0.1:" + james.pop3sPort() + "  (implicit TLS, self-signed certificate)");
        System.out.println("  SMTP      127.0.0.1:" + james.smtpPort());
        System.out.println("  WebAdmin  http://127.0.0.1:" + james.webAdminPort() + "/");
        System.out.println("  users     " + USER + " (James mailboxes) and " + MAILDIR_USER + " (Maildir in "
            + demo.home.resolve("var/maildir") + "), password " + PASSWORD);
        System.out.println("Try:  curl -u " + USER + ":" + PASSWORD + " pop3://127.0.0.1:" + james.pop3Port() + "/1");
        System.out.println("      curl -u " + MAILDIR_USER + ":" + PASSWORD + " pop3://127.0.0.1:" + james.pop3Port() + "/1");
        System.out.println("Stop: Ctrl-C");
        System.out.flush();
        Thread.currentThread().join();
    }

    static DemoServer start(DemoOptions options) throws Exception {
        Path home = Files.createTempDirectory("pop3x-demo-");
        JamesHome.create(home, JamesHome.sampleConf(), options.ports());
        GuiceJamesServer server = MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder()
            .workingDirectory(home.toFile())
            .build())
            .combineWith(Pop3ListenersProbe.MODULE);
        DemoServer demo = new DemoServer(home, server);
        try {
            server.start();
            RunningJames james = new RunningJames(server);
            james.addUser(USER, PASSWORD).addUser(MAILDIR_USER, PASSWORD);
            james.deliver(USER, Messages.text("pop3x <postmaster@" + DOMAIN + ">", USER, WELCOME_SUBJECT,
                "Hello,\n\nthis message was delivered over SMTP to the demo James server, and you are reading it\n"
                    + "through James's POP3 server with the pop3x extension.\n\n"
                    + "CAPA shows the pop3x IMPLEMENTATION line; README.md lists what else pop3x does.\n"));
            Path maildir = home.resolve("var/maildir/maildir." + DOMAIN + "/demo/Maildir/new");
            james.smtp().deliver("postmaster@" + DOMAIN, MAILDIR_USER, Messages.text("pop3x <postmaster@" + DOMAIN + ">", MAILDIR_USER,
                WELCOME_SUBJECT, "Hello,\n\nthis message was delivered over SMTP into a Maildir, which Dovecot or Courier could\n"
                    + "serve too, and you are reading it through James's POP3 server with the pop3x extension.\n"));
            awaitFile(maildir);
            return demo;
        } catch (Exception e) {
            demo.stop();
            throw e;
        }
    }

    /** Waits until the delivery has written a file into the Maildir's new/ folder. */
    private static void awaitFile(Path newFolder) throws InterruptedException, IOException {
        for (int i = 0; i < 300; i++) {
            if (Files.isDirectory(newFolder)) {
                try (Stream<Path> files = Files.list(newFolder)) {
                    if (files.findAny().isPresent()) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("The welcome message never reached " + newFolder);
    }

    GuiceJamesServer server() {
        return server;
    }

    synchronized void stop() {
        if (server.isStarted()) {
            server.stop();
        }
        deleteRecursively(home);
        System.out.println("pop3x demo stopped");
        System.out.flush();
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the demo home " + root, e);
        }
    }
}
