package dev.pop3x.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The allocations a James JVM makes outside thread-local buffers (every array of more than a few hundred KB among
 * them), each with its stack, recorded by Java Flight Recorder from start-up and read back by the test: which code
 * allocated how much at once, whatever the heap size and the collector do with it.
 */
final class LargeAllocations {
    private static final String RECORDING = "pop3x-large-allocations";
    private static final String SETTINGS = String.join("\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<configuration version=\"2.0\" label=\"" + RECORDING + "\">",
        "  <event name=\"jdk.ObjectAllocationOutsideTLAB\">",
        "    <setting name=\"enabled\">true</setting>",
        "    <setting name=\"stackTrace\">true</setting>",
        "  </event>",
        "</configuration>", "");

    private final List<Allocation> allocations;

    private LargeAllocations(List<Allocation> allocations) {
        this.allocations = allocations;
    }

    /** The JVM options that record from start-up; the settings file is written into {@code directory}. */
    static List<String> jvmOptions(Path directory) throws IOException {
        Path settings = Files.writeString(directory.resolve(RECORDING + ".jfc"), SETTINGS);
        return List.of("-XX:StartFlightRecording=name=" + RECORDING + ",settings=" + settings,
            // deep enough to reach the mailet or the POP3 handler under James's and Netty's frames
            "-XX:FlightRecorderOptions=stackdepth=512");
    }

    /** What the JVM of this pid recorded so far, dumped into {@code directory} and read. */
    static LargeAllocations of(long pid, Path directory) throws IOException, InterruptedException {
        Path dump = directory.resolve(RECORDING + ".jfr");
        Jcmd.run(pid, "JFR.dump", "name=" + RECORDING, "filename=" + dump);
        return new LargeAllocations(RecordingFile.readAllEvents(dump).stream()
            .filter(event -> event.getEventType().getName().equals("jdk.ObjectAllocationOutsideTLAB"))
            .map(Allocation::of)
            .collect(Collectors.toList()));
    }

    /** The largest single allocation made with a method of this package (or a sub-package) on the stack. */
    Optional<Allocation> largestUnder(String packageName) {
        return allocations.stream()
            .filter(allocation -> allocation.hasFrameUnder(packageName))
            .max(Comparator.comparingLong(Allocation::octets));
    }

    /**
     * The same, leaving out what Netty's pooled allocator takes for its pool (a chunk of its arena, shared by every
     * buffer it hands out later), which the first write from a thread makes whoever the caller.
     */
    Optional<Allocation> largestUnderBesidesNettysPool(String packageName) {
        return allocations.stream()
            .filter(allocation -> allocation.hasFrameUnder(packageName) && !allocation.takesAPoolChunk())
            .max(Comparator.comparingLong(Allocation::octets));
    }

    /** One allocation: its size and the classes of its stack, innermost first. */
    static final class Allocation {
        private final long octets;
        private final List<String> stack;

        private Allocation(long octets, List<String> stack) {
            this.octets = octets;
            this.stack = stack;
        }

        static Allocation of(RecordedEvent event) {
            List<String> stack = event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames().stream()
                .map(RecordedFrame::getMethod)
                .map(method -> method.getType().getName() + "." + method.getName())
                .collect(Collectors.toList());
            return new Allocation(event.getLong("allocationSize"), stack);
        }

        long octets() {
            return octets;
        }

        /** Whether Netty's pooled allocator makes it a new chunk of an arena ({@code PoolArena$HeapArena.newChunk}...). */
        boolean takesAPoolChunk() {
            return stack.stream().anyMatch(frame -> frame.startsWith("io.netty.buffer.PoolArena") && frame.endsWith(".newChunk"));
        }

        boolean hasFrameUnder(String packageName) {
            return stack.stream().anyMatch(frame -> frame.startsWith(packageName + "."));
        }

        @Override
        public String toString() {
            return octets + " octets at " + String.join(" < ", stack.subList(0, Math.min(12, stack.size())));
        }
    }
}
