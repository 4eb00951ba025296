package dev.pop3x.bench;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.JamesServerMain;
import org.apache.james.MemoryJamesConfiguration;
import org.apache.james.MemoryJamesServerMain;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;

/**
 * James 3.8.1's memory server as {@code MemoryJamesServerMain} starts it, with one change that only affects how
 * the benchmark lays its data: JMAP thread guessing on append is the naive one James's JPA server uses, since the
 * memory one searches the whole mailbox on every append (10,000 appends into one INBOX would take most of an hour).
 * Reading mail, which is what the benchmark measures, is untouched.
 */
public final class BenchJamesMain {
    private BenchJamesMain() {
    }

    public static void main(String[] args) throws Exception {
        ExtraProperties.initialize();
        MemoryJamesConfiguration configuration = MemoryJamesConfiguration.builder().useWorkingDirectoryEnvProperty().build();
        GuiceJamesServer server = MemoryJamesServerMain.createServer(configuration)
            .overrideWith(binder -> binder.bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class));
        JamesServerMain.main(server);
    }
}
