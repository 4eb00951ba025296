package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds a server process tree has used, from /proc: the process and its living descendants (user + system),
 * plus what its children that already exited used (Dovecot forks a process per login and reaps it).
 */
public final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0;

    private final List<Long> pids;

    public CpuMeter(long pid) {
        this(List.of(pid));
    }

    /** The CPU of several servers together (the nodes of a cluster). */
    public CpuMeter(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    public double seconds() {
        long ticks = 0;
        for (long pid : pids) {
            ticks += ticks(pid, true);
            ticks += ProcessHandle.of(pid).map(process -> process.descendants().mapToLong(child -> ticks(child.pid(), false)).sum()).orElse(0L);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** utime + stime (fields 14 and 15 of /proc/pid/stat), and cutime + cstime (16, 17) for the root only. */
    private static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withReapedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks;
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
