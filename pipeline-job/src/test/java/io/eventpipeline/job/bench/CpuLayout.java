package io.eventpipeline.job.bench;

import java.io.IOException;
import java.util.Locale;

/**
 * Which CPUs the latency benchmark's two JVMs run on. By default ({@code own}) the job's JVM gets a
 * CPU of its own, as a TaskManager of one CPU (the operator's default) has, and this JVM (the
 * broker, the producer, the match reader: what runs on other machines in production) the others;
 * {@code any} lets both run anywhere; anything else is a CPU list for the job's JVM ({@code taskset
 * -c}), this JVM left where it was started.
 *
 * @param jobCpus the job JVM's CPU list; blank: any
 * @param benchmarkCpus the CPU list this JVM pins itself to; blank: where it was started
 */
record CpuLayout(String jobCpus, String benchmarkCpus) {
    static final String OWN = "own";
    static final String ANY = "any";

    /**
     * @param option the {@code jobCpus} option
     * @param cpus the CPUs this machine has
     */
    static CpuLayout plan(String option, int cpus) {
        if (option.equals(ANY) || (option.equals(OWN) && cpus < 2)) {
            return new CpuLayout("", "");
        }
        if (option.equals(OWN)) {
            int last = cpus - 1;
            return new CpuLayout(Integer.toString(last), last == 1 ? "0" : "0-" + (last - 1));
        }
        return new CpuLayout(option, "");
    }

    /**
     * Pins every thread of this JVM to {@link #benchmarkCpus}, if any; its later threads follow.
     */
    void pinThisJvm() throws IOException, InterruptedException {
        if (benchmarkCpus.isBlank()) {
            return;
        }
        Process taskset =
                new ProcessBuilder(
                                "taskset",
                                "-a",
                                "-p",
                                "-c",
                                benchmarkCpus,
                                Long.toString(ProcessHandle.current().pid()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException(
                    "taskset could not pin the benchmark's JVM to CPUs " + benchmarkCpus);
        }
    }

    String describe() {
        if (jobCpus.isBlank()) {
            return "the job's JVM and this one share every CPU";
        }
        return String.format(
                Locale.ROOT,
                "the job's JVM on CPU %s%s",
                jobCpus,
                benchmarkCpus.isBlank()
                        ? ""
                        : ", this one (broker, producer, match reader) on CPU " + benchmarkCpus);
    }
}
