package dev.pop3x.it;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerBuilder;
import org.apache.james.JamesServerExtension;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.modules.TestJMAPServerModule;

/**
 * In-process James servers for the integration tests: James 3.8.1's memory server, started by James's own
 * {@link JamesServerExtension} from a {@link JamesHome} laid out from the sample conf/ on random loopback ports.
 */
public final class JamesServers {
    private JamesServers() {
    }

    /** One server for a whole test class, started from conf/ as it is. */
    static JamesServerExtension pop3xPerClass() {
        return builder(home -> { }).lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS).build();
    }

    /** One server for a whole test class, from conf/ with the change. */
    static JamesServerExtension pop3xPerClass(Consumer<JamesHome> change) {
        return builder(change).lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS).build();
    }

    /** A server started from conf/ after a test-specific change to it. */
    static JamesServerBuilder<MemoryJamesConfiguration> builder(Consumer<JamesHome> change) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> {
            JamesHome home = JamesHome.create(tmpDir.toPath(), JamesHome.sampleConf(), ListenPorts.RANDOM);
            change.accept(home);
            return MemoryJamesConfiguration.builder().workingDirectory(tmpDir).build();
        })
            .server(configuration -> MemoryJamesServerMain.createServer(configuration).combineWith(Pop3ListenersProbe.MODULE));
    }

    /**
     * A server from conf/ after the change, with James's JMAP (RFC 8621) on a random port, as James's own JMAP tests
     * start it ({@link TestJMAPServerModule}).
     */
    static JamesServerBuilder<MemoryJamesConfiguration> withJmap(Consumer<JamesHome> change) {
        return new JamesServerBuilder<MemoryJamesConfiguration>(tmpDir -> {
            JamesHome home = JamesHome.create(tmpDir.toPath(), JamesHome.sampleConf(), ListenPorts.RANDOM);
            change.accept(home);
            return MemoryJamesConfiguration.builder().workingDirectory(tmpDir).enableJMAP().build();
        })
            .server(configuration -> MemoryJamesServerMain.createServer(configuration)
                .overrideWith(new TestJMAPServerModule())
                .combineWith(Pop3ListenersProbe.MODULE));
    }

    /**
     * No brute-force delay: for test classes that fail logins on purpose and would otherwise slow each other
     * down (all tests connect from 127.0.0.1).
     */
    public static Consumer<JamesHome> withoutBrake() {
        return home -> home.edit("pop3x.properties", properties -> replaceExactly(properties, "brake.initial-delay=1s", "brake.initial-delay=0s"));
    }

    /** A server laid out in {@code dir} and not started, for tests of start-up itself. */
    public static GuiceJamesServer unstarted(Path dir, Consumer<JamesHome> change) {
        JamesHome home = JamesHome.create(dir, JamesHome.sampleConf(), ListenPorts.RANDOM);
        change.accept(home);
        return MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder().workingDirectory(dir.toFile()).build())
            .combineWith(Pop3ListenersProbe.MODULE);
    }

    /**
     * Stock James: James's own POP3 listeners (pop3server.xml) with James's own handler chain (CoreCmdHandlerLoader),
     * on the addresses and with the settings of conf/'s pop3x listeners, which are disabled. Its servers get their own
     * JMX names, so that it can run beside a pop3x server in the same JVM.
     */
    static Consumer<JamesHome> stockPop3Chain() {
        return home -> home
            .edit("pop3server.xml", ignored -> stockListeners(home.read("pop3xserver.xml")))
            .edit("pop3xserver.xml", xml -> replaceAll(xml, "<pop3server enabled=\"true\">", "<pop3server enabled=\"false\">"))
            .edit("smtpserver.xml", xml -> replaceExactly(xml, "<jmxName>smtpserver-global</jmxName>", "<jmxName>smtpserver-stock</jmxName>"));
    }

    private static String stockListeners(String pop3x) {
        String stock = replaceExactly(pop3x, "coreHandlersPackage=\"dev.pop3x.protocol.Pop3xHandlers\"",
            "coreHandlersPackage=\"org.apache.james.pop3server.core.CoreCmdHandlerLoader\"");
        stock = replaceExactly(stock, "<jmxName>pop3xserver</jmxName>", "<jmxName>pop3server-stock</jmxName>");
        return replaceExactly(stock, "<jmxName>pop3xserver-tls</jmxName>", "<jmxName>pop3server-tls-stock</jmxName>");
    }

    /** Other JMX names, so that a second server can run beside the first in the same JVM. */
    static Consumer<JamesHome> secondServer() {
        return home -> home
            .edit("pop3xserver.xml", xml -> replaceExactly(xml, "<jmxName>pop3xserver</jmxName>", "<jmxName>pop3xserver-2</jmxName>"))
            .edit("pop3xserver.xml", xml -> replaceExactly(xml, "<jmxName>pop3xserver-tls</jmxName>", "<jmxName>pop3xserver-tls-2</jmxName>"))
            .edit("smtpserver.xml", xml -> replaceExactly(xml, "<jmxName>smtpserver-global</jmxName>", "<jmxName>smtpserver-2</jmxName>"));
    }

    /** Maildirs under another root than the James home's. */
    static Consumer<JamesHome> maildirsIn(Path root) {
        return home -> home.edit("pop3x.properties", properties -> replaceExactly(properties,
            "maildir.location=var/maildir/%d/%n/Maildir", "maildir.location=" + root + "/%d/%n/Maildir"));
    }

    /** Maildir-backend maildrops locked across the nodes sharing the Maildir tree, with this lease. */
    static Consumer<JamesHome> maildirLease(String lease) {
        return home -> home.edit("pop3x.properties", properties -> replaceExactly(properties,
            "lock.maildir-lease=off", "lock.maildir-lease=" + lease));
    }

    private static String replaceAll(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("conf/ no longer contains " + target);
        }
        return text.replace(target, replacement);
    }

    private static String replaceExactly(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("conf/ no longer contains " + target);
        }
        return text.replace(target, replacement);
    }
}
