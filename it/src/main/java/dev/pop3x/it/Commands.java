package dev.pop3x.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the programs the tests drive (curl, mpop, dovecot) and checks that they succeed. */
public final class Commands {
    private Commands() {
    }

    public record Result(String stdout, String stderr) {
    }

    public static Result run(String... command) throws Exception {
        return run(new byte[0], command);
    }

    /** Runs the command with the bytes on its standard input; fails if it does not exit 0 within 60 s. */
    public static Result run(byte[] input, String... command) throws Exception {
        Path out = Files.createTempFile("pop3x-command", ".out");
        Path err = Files.createTempFile("pop3x-command", ".err");
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command[0] + " did not finish within 60 s");
            }
            Result result = new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + "; stderr:\n" + result.stderr);
            }
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
