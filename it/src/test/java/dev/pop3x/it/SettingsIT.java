package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.james.GuiceJamesServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pop3x.properties is read from James's conf folder at start-up, and a bad setting stops the start. */
class SettingsIT {
    private static final String USER = "settings@pop3x.local";
    private static final String IMPLEMENTATION = "IMPLEMENTATION pop3x-" + System.getProperty("pop3x.version");

    @Test
    void implementationCanBeHiddenUntilLogin(@TempDir Path dir) throws Exception {
        GuiceJamesServer server = JamesServers.unstarted(dir, home -> home.edit("pop3x.properties",
            properties -> properties.replace("capa.implementation=always", "capa.implementation=after-login")));
        server.start();
        try (Pop3LineClient pop = new RunningJames(server).addUser(USER, "secret").pop3()) {
            assertThat(pop.multiline("CAPA")).doesNotContain(IMPLEMENTATION);
            pop.login(USER, "secret");
            assertThat(pop.multiline("CAPA")).contains(IMPLEMENTATION);
        } finally {
            server.stop();
        }
    }

    @Test
    void withoutPop3xPropertiesEverySettingTakesItsDefault(@TempDir Path dir) throws Exception {
        GuiceJamesServer server = JamesServers.unstarted(dir, home -> home.delete("pop3x.properties"));
        server.start();
        try (Pop3LineClient pop = new RunningJames(server).pop3()) {
            assertThat(pop.multiline("CAPA")).contains(IMPLEMENTATION);
        } finally {
            server.stop();
        }
    }

    @Test
    void anInvalidValueStopsTheStartAndNamesTheKey(@TempDir Path dir) {
        GuiceJamesServer server = JamesServers.unstarted(dir, home -> home.edit("pop3x.properties",
            properties -> properties.replace("capa.implementation=always", "capa.implementation=sometimes")));
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("pop3x.properties: invalid value 'sometimes' for key 'capa.implementation': "
                    + "expected one of always, after-login, never");
        } finally {
            server.stop();
        }
    }

    @Test
    void anUnknownKeyStopsTheStartAndNamesTheKey(@TempDir Path dir) {
        GuiceJamesServer server = JamesServers.unstarted(dir, home -> home.edit("pop3x.properties",
            properties -> properties + "capa.implemntation=never\n"));
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("pop3x.properties: unknown key 'capa.implemntation'");
        } finally {
            server.stop();
        }
    }

    @Test
    void aKeyGivenTwiceStopsTheStartAndNamesTheKey(@TempDir Path dir) {
        GuiceJamesServer server = JamesServers.unstarted(dir, home -> home.edit("pop3x.properties",
            properties -> properties + "maildrop.lock=false\n"));
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("pop3x.properties: key 'maildrop.lock' has several values (given twice, or with ','): true, false");
        } finally {
            server.stop();
        }
    }

    @Test
    void jamesOwnListenerRunningPop3xsChainStopsTheStartAndNamesTheFile(@TempDir Path dir) {
        GuiceJamesServer server = JamesServers.unstarted(dir, home -> home.edit("pop3server.xml", ignored -> "<pop3servers>"
            + "<pop3server enabled=\"true\"><bind>127.0.0.1:0</bind><helloName autodetect=\"false\">pop3x.local</helloName>"
            + "<handlerchain coreHandlersPackage=\"dev.pop3x.protocol.Pop3xHandlers\" enableJmx=\"false\"/></pop3server></pop3servers>"));
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("pop3server.xml: the <pop3server> bound to 127.0.0.1:0 runs pop3x's handler chain on James's own "
                    + "listener, which reads connections unbounded; move it to pop3xserver.xml and set <pop3server enabled=\"false\"> in pop3server.xml");
        } finally {
            server.stop();
        }
    }

    @Test
    void aListenerTimeoutThatIsNoNumberStopsTheStartAndNamesTheKey(@TempDir Path dir) {
        GuiceJamesServer server = JamesServers.unstarted(dir, home -> home.edit("pop3xserver.xml",
            xml -> xml.replaceFirst("<loginTimeout>180</loginTimeout>", "<loginTimeout>3m</loginTimeout>")));
        try {
            assertThatThrownBy(server::start)
                .hasStackTraceContaining("pop3xserver.xml: <loginTimeout> must be a positive number of seconds, not '3m'");
        } finally {
            server.stop();
        }
    }
}
