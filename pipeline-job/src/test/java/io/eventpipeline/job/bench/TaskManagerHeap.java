package io.eventpipeline.job.bench;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;

/**
 * The JVM heap Flink's memory model gives a TaskManager process of a given size, with the memory
 * settings the operator renders (operator module, {@code FlinkConfiguration}).
 */
final class TaskManagerHeap {
    private TaskManagerHeap() {}

    /**
     * @param flink the job's Flink settings (the memory fractions among them count)
     * @param processMemory the TaskManager's {@code taskmanager.memory.process.size}, e.g. 2g
     * @return the heap, in megabytes, with the unit, as {@code -Xmx} takes it
     */
    static String of(Configuration flink, String processMemory) {
        Configuration taskManager = new Configuration(flink);
        taskManager.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse(processMemory));
        // As the operator renders it: no managed memory unless the state is in RocksDB.
        if (!taskManager.contains(TaskManagerOptions.MANAGED_MEMORY_FRACTION)
                && !"rocksdb"
                        .equalsIgnoreCase(taskManager.get(StateBackendOptions.STATE_BACKEND))) {
            taskManager.set(TaskManagerOptions.MANAGED_MEMORY_FRACTION, 0f);
        }
        long heap =
                TaskExecutorProcessUtils.processSpecFromConfig(taskManager)
                        .getJvmHeapMemorySize()
                        .getMebiBytes();
        return heap + "m";
    }
}
