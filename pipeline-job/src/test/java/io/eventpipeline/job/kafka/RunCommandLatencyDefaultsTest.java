package io.eventpipeline.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.spec.PipelineDefinition;
import io.eventpipeline.spec.PipelineJobArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The deployed job's watermark interval and buffer timeout: its own short ones where Flink's
 * configuration leaves them out, the configuration's where it sets them.
 */
class RunCommandLatencyDefaultsTest {
    private static List<String> args() throws Exception {
        return PipelineJobArgs.encode(
                PipelineDefinition.parse(
                        """
                        apiVersion: eventpipeline.io/v1alpha1
                        kind: EventPipeline
                        metadata: {name: latency, namespace: unit}
                        spec:
                          kafka: {bootstrapServers: "localhost:9092"}
                          input: {topic: in, key: id, timestamp: {field: ts}}
                          output: {topic: out}
                          patterns:
                            - name: a-then-b
                              steps:
                                - {name: a, where: "event.type == 'A'"}
                                - {name: b, where: "event.type == 'B'"}
                        """));
    }

    @Test
    void shortWatermarkIntervalAndBufferTimeoutWhenTheConfigurationHasNone() throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(200);
        assertThat(env.getBufferTimeout()).isEqualTo(100);

        RunCommand.build(env, args(), Map.of());

        assertThat(env.getConfig().getAutoWatermarkInterval())
                .isEqualTo(RunCommand.WATERMARK_INTERVAL.toMillis())
                .isLessThan(200);
        assertThat(env.getBufferTimeout())
                .isEqualTo(RunCommand.BUFFER_TIMEOUT.toMillis())
                .isLessThan(100);
    }

    @Test
    void theConfigurationsValuesAreKept() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(500));
        configuration.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(50));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(1, configuration);

        RunCommand.build(env, args(), Map.of());

        assertThat(env.getConfig().getAutoWatermarkInterval()).isEqualTo(500);
        assertThat(env.getBufferTimeout()).isEqualTo(50);
    }

    @Test
    void aBufferTimeoutSwitchedOffStaysOff() throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(ExecutionOptions.BUFFER_TIMEOUT_ENABLED, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(1, configuration);

        RunCommand.build(env, args(), Map.of());

        assertThat(env.getBufferTimeout())
                .isEqualTo(ExecutionOptions.DISABLED_NETWORK_BUFFER_TIMEOUT);
    }
}
