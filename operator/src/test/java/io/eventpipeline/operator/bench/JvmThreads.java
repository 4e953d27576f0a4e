package io.eventpipeline.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the JVM's own threads (JIT compilers, garbage collector), which {@link
 * java.lang.management.ThreadMXBean} does not list: read from {@code /proc/self/task} (Linux), in
 * clock ticks of 10 ms. Without it they were part of an unattributed remainder as large as the
 * operator's own share.
 */
final class JvmThreads {
    static final String JIT = "JVM: JIT compilers";
    static final String GC = "JVM: garbage collector and safepoints";

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000L;

    private JvmThreads() {}

    /** CPU nanoseconds used so far by the JVM's own threads, by group; empty off Linux. */
    static Map<String, Long> snapshot() {
        Map<String, Long> byGroup = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return byGroup;
        }
        try (Stream<Path> tasks = Files.list(TASKS)) {
            tasks.forEach(
                    task ->
                            read(task)
                                    .ifPresent(
                                            used ->
                                                    byGroup.merge(
                                                            used.getKey(),
                                                            used.getValue(),
                                                            Long::sum)));
        } catch (IOException e) {
            // Threads come and go while listed; a partial figure would mislead, so report none.
            return new TreeMap<>();
        }
        return byGroup;
    }

    /** The group and CPU nanoseconds of one of the JVM's own threads; empty for other threads. */
    private static Optional<Map.Entry<String, Long>> read(Path task) {
        try {
            String group = group(Files.readString(task.resolve("comm")).trim());
            if (group == null) {
                return Optional.empty();
            }
            String stat = Files.readString(task.resolve("stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is
            // the first, utime the 12th and stime the 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(Map.entry(group, ticks * NANOS_PER_TICK));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the thread ended while being read
        }
    }

    /** Linux truncates thread names to 15 characters ("C2 CompilerThre"). */
    static String group(String linuxThreadName) {
        if (linuxThreadName.startsWith("C1 CompilerThre")
                || linuxThreadName.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (linuxThreadName.startsWith("GC Thread#")
                || linuxThreadName.startsWith("G1 ")
                || linuxThreadName.equals("VM Thread")) {
            return GC;
        }
        return null;
    }
}
