package dev.pop3x.it;

import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap a JVM uses after a full collection, asked of it with {@code jcmd}: what live objects hold. */
public final class HeapMeter {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;

    public HeapMeter(long pid) {
        this.pid = pid;
    }

    /** Live heap in KB, after a full GC (the median of three, as a collection may leave a little behind). */
    public long liveKilobytes() throws IOException, InterruptedException {
        long[] samples = new long[3];
        for (int i = 0; i < samples.length; i++) {
            jcmd("GC.run");
            Matcher used = USED.matcher(jcmd("GC.heap_info"));
            if (!used.find()) {
                throw new IOException("jcmd GC.heap_info gave no 'used' figure");
            }
            samples[i] = Long.parseLong(used.group(1));
        }
        Arrays.sort(samples);
        return samples[1];
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        return Jcmd.run(pid, command);
    }
}
