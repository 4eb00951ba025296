package dev.pop3x.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU seconds a JVM's just-in-time compilers have used (its threads named {@code C1 CompilerThread...} and
 * {@code C2 CompilerThread...}), from /proc: a server whose compilers are still busy is still warming up, and on two
 * cores its compilers take CPU from the sessions being measured.
 */
final class JitMeter {
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    JitMeter(long pid) {
        this.pid = pid;
    }

    double seconds() {
        long ticks = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads) {
                ticks += compilerTicks(thread);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** utime + stime (fields 14 and 15 of stat) of a compiler thread, 0 for any other thread or one that ended. */
    private static long compilerTicks(Path thread) throws IOException {
        try {
            String name = Files.readString(thread.resolve("comm")).trim();
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NoSuchFileException gone) {
            return 0;
        }
    }
}
