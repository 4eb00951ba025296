package dev.pop3x.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.apache.james.GuiceJamesServer;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;

import dev.pop3x.it.JamesHome;
import dev.pop3x.it.ListenPorts;
import dev.pop3x.it.Pop3ListenersProbe;
import dev.pop3x.it.RunningJames;

/** In-process James memory servers for the benchmarks, laid out from conf/ like the tests' ones. */
final class BenchServers {
    private BenchServers() {
    }

    static RunningJames start(String name, Consumer<JamesHome> change) throws Exception {
        Path home = Files.createTempDirectory("pop3x-bench-" + name);
        JamesHome jamesHome = JamesHome.create(home, JamesHome.sampleConf(), ListenPorts.RANDOM);
        jamesHome.edit("pop3server.xml", xml -> xml.replace("<jmxName>pop3server</jmxName>", "<jmxName>pop3server-" + name + "</jmxName>")
            .replace("<jmxName>pop3server-tls</jmxName>", "<jmxName>pop3server-tls-" + name + "</jmxName>"));
        jamesHome.edit("smtpserver.xml", xml -> xml.replace("<jmxName>smtpserver-global</jmxName>", "<jmxName>smtpserver-" + name + "</jmxName>"));
        change.accept(jamesHome);
        GuiceJamesServer server = MemoryJamesServerMain.createServer(MemoryJamesConfiguration.builder().workingDirectory(home.toFile()).build())
            .combineWith(Pop3ListenersProbe.MODULE);
        server.start();
        return new RunningJames(server);
    }

    /** James's own POP3 handler chain, with nothing of pop3x's. */
    static Consumer<JamesHome> stockChain() {
        return home -> home.edit("pop3server.xml", xml -> xml.replace("dev.pop3x.protocol.Pop3xHandlers",
            "org.apache.james.pop3server.core.CoreCmdHandlerLoader"));
    }
}
