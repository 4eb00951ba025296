package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UTF8 and LANG (RFC 6856): UTF-8 user names and passwords, and response texts in English or French. */
class LanguageIT {
    private static final String USER = "lang@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final String UTF8_USER = "jürgen@pop3x.local";
    private static final String UTF8_PASSWORD = "pässwörd ünd spaß";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.withoutBrake());

    private static RunningJames server;

    @BeforeAll
    static void users() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD).addUser(UTF8_USER, UTF8_PASSWORD);
        server.deliver(USER, Messages.text("a@example.test", USER, "one", "hello\n"));
    }

    @Test
    void langListsTheLanguagesEachInItself() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.multiline("LANG")).containsExactly("+OK Language listing follows", "en English", "fr Français", ".");
        }
    }

    @Test
    void selectingALanguageChangesTheResponseTextsFromTheReplyOn() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("LANG fr");
            pop.command("STAT");
            pop.login(USER, PASSWORD);
            pop.command("RETR 9");
            pop.command("DELE 1");
            pop.command("LANG en");
            pop.command("DELE 1");
            assertThat(pop.transcript()).endsWith(
                "C: LANG fr", "S: +OK fr Langue changée",
                "C: STAT", "S: -ERR Commande invalide avant l'identification",
                "C: USER " + USER, "S: +OK",
                "C: PASS " + PASSWORD, "S: +OK Bienvenue " + USER,
                "C: RETR 9", "S: -ERR Le message (9) n'existe pas.",
                "C: DELE 1", "S: +OK Message supprimé",
                "C: LANG en", "S: +OK en Language changed",
                "C: DELE 1", "S: -ERR Message (1) already deleted.");
        }
    }

    @Test
    void anUnknownLanguageIsRefusedInTheCurrentOne() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("LANG fr")).isEqualTo("+OK fr Langue changée");
            assertThat(pop.command("LANG tlh")).isEqualTo("-ERR Langue non prise en charge : tlh");
            assertThat(pop.command("LANG *")).isEqualTo("+OK en Language changed");
            assertThat(pop.command("LANG FR")).isEqualTo("+OK fr Langue changée");
        }
    }

    @Test
    void utf8UserNamesAndPasswordsLogIn() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("UTF8")).isEqualTo("+OK UTF8 enabled");
            assertThat(pop.login(UTF8_USER, UTF8_PASSWORD)).isEqualTo("+OK Welcome " + UTF8_USER);
        }
    }

    @Test
    void utf8CredentialsWorkBeforeTheUtf8CommandTooAsRfc6856Allows() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(UTF8_USER, UTF8_PASSWORD))).isEqualTo("+OK Welcome " + UTF8_USER);
        }
    }

    @Test
    void aWrongUtf8PasswordIsRefused() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("UTF8");
            assertThat(pop.login(UTF8_USER, "passwörd")).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void stlsIsRefusedAfterUtf8() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("UTF8");
            assertThat(pop.command("STLS")).isEqualTo("-ERR STLS is not allowed after UTF8.");
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
        }
    }

    /** Found by fuzzing (PopFuzzIT): the French reply to STLS went out as a UTF-8 stream, and James started no TLS. */
    @Test
    void stlsStartsTlsInFrenchToo() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("LANG fr");
            assertThat(pop.startTls()).isEqualTo("+OK Debut de la negociation TLS");
            assertThat(pop.isTls()).isTrue();
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Bienvenue " + USER);
        }
    }
}
