package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;
import dev.pop3x.maildrop.StoreCalls;

/**
 * A control file pop3x keeps in a maildir ({@code pop3x-retrieved}, {@code pop3x-vsizes}): one line
 * {@code <base name> <number>} per message. Dovecot and Courier ignore such files.
 */
final class ControlFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(ControlFile.class);

    private ControlFile() {
    }

    /**
     * Hands each line of the file to {@code entry}; a corrupt line is logged and skipped.
     *
     * @return how many lines the file has, corrupt ones included (0 when there is no file)
     */
    static int read(Maildir maildir, String name, BiConsumer<String, Long> entry) throws IOException {
        maildir.counted(StoreCalls.Kind.FILE_READ);
        Path file = maildir.root().resolve(name);
        if (!QuietFiles.exists(file)) {
            return 0;
        }
        // read whole and split here: a login reads the retrieval ledger, and a reader's buffers cost more than the file
        String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        int lines = 0;
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            if (end < 0) {
                end = content.length();
            }
            String line = content.substring(start, end);
            start = end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            lines++;
            int space = line.lastIndexOf(' ');
            try {
                entry.accept(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
            } catch (RuntimeException e) {
                LOGGER.warn("Ignoring corrupt line '{}' of {}", Untrusted.text(line), file);
            }
        }
        return lines;
    }

    /** The line of one message, LF included. */
    static String line(String base, long value) {
        return base + " " + value + "\n";
    }

    /** Writes the file anew with these lines, atomically. */
    static void write(Maildir maildir, String name, Map<String, Long> entries) throws IOException {
        maildir.counted(StoreCalls.Kind.FILE_WRITE);
        String content = entries.entrySet().stream()
            .map(entry -> line(entry.getKey(), entry.getValue()))
            .collect(Collectors.joining());
        maildir.writeAtomically(name, content.getBytes(StandardCharsets.UTF_8));
    }
}
