package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the programs the tests drive (curl, mpop, dovecot) and checks that they succeed. */
final class Commands {
    private Commands() {
    }

    record Result(String stdout, String stderr) {
    }

    static Result run(String... command) throws Exception {
        return run(new byte[0], command);
    }

    /** Runs the command with the bytes on its standard input; fails the test if it does not exit 0 within 60 s. */
    static Result run(byte[] input, String... command) throws Exception {
        Path out = Files.createTempFile("pop3x-command", ".out");
        Path err = Files.createTempFile("pop3x-command", ".err");
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
            Result result = new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            assertThat(process.exitValue()).as("%s exit code; stderr:\n%s", String.join(" ", command), result.stderr).isZero();
            return result;
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
