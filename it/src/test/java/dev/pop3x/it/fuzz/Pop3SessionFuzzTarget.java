package dev.pop3x.it.fuzz;

import java.nio.file.Path;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * Jazzer's fuzz target for pop3x's command and SASL parsing, end to end: each input is a POP3 session
 * ({@link ScriptWriter}) played over TCP against one real James with pop3x's handler chain ({@link FuzzedJames}),
 * in this JVM so that Jazzer sees the coverage of pop3x's classes on James's threads. An input fails, and Jazzer
 * keeps it as a finding, when
 * <ul>
 *   <li>a reply does not come within {@link Pop3Wire#REPLY_TIMEOUT} (a hang),</li>
 *   <li>a reply is not of the shape POP3 defines ({@link SessionPlayer}),</li>
 *   <li>a maildrop stays locked after the session ended, or the account cannot log in ({@link Aftermath}),</li>
 *   <li>James logged an error: an exception escaped a handler ({@link ServerErrors}).</li>
 * </ul>
 * Run by {@code PopFuzzIT}; the home of James goes under {@code -Dpop3x.fuzz.dir} (default: the temp folder).
 */
public final class Pop3SessionFuzzTarget {
    private static FuzzedJames james;
    private static ServerErrors errors;
    private static Aftermath aftermath;

    private Pop3SessionFuzzTarget() {
    }

    public static void fuzzerInitialize() throws Exception {
        errors = ServerErrors.attach();
        // every connection is the target's own, to James and its test identity provider on loopback; Jazzer's SSRF
        // detector still reports any other
        BugDetectors.allowNetworkConnections((host, port) -> isLoopback(host));
        james = FuzzedJames.start(Path.of(System.getProperty("pop3x.fuzz.dir", System.getProperty("java.io.tmpdir"))));
        aftermath = new Aftermath(james, errors);
        // the start and the first deliveries are not the fuzzer's doing
        errors.assertNone(new Transcript());
    }

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        Script script = ScriptWriter.write(data, james);
        errors.assertNone(new Transcript().note("logged after the checks of the previous input: it may be the one to blame"));
        Transcript transcript = new Transcript();
        SessionPlayer.play(james.pop3Port(), script, transcript);
        aftermath.check(transcript);
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }

    public static void fuzzerTearDown() {
        if (aftermath != null) {
            aftermath.close();
        }
        if (james != null) {
            james.close();
        }
    }
}
