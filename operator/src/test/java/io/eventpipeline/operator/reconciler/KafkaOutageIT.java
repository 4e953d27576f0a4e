package io.eventpipeline.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.kafka.embedded.EmbeddedKafkaBroker;
import io.eventpipeline.operator.api.EventPipeline;
import io.eventpipeline.operator.api.Phase;
import io.eventpipeline.operator.api.StatusCondition;
import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.operator.testing.PipelineStatus;
import io.eventpipeline.operator.testing.Pipelines;
import org.junit.jupiter.api.Test;

/** Kafka goes away and comes back: the operator reports it, keeps running and recovers. */
class KafkaOutageIT {

    @Test
    void brokerDownIsDegradedAndBrokerBackIsRunningAgain() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
                OperatorHarness harness = OperatorHarness.start(broker)) {
            harness.applyRunning(Pipelines.flightDelays("airline", "outage"), "airline", "outage");

            broker.stop();
            EventPipeline degraded = harness.awaitPhase("airline", "outage", Phase.Degraded);
            StatusCondition topicsReady = PipelineStatus.condition(degraded, "TopicsReady");
            assertThat(topicsReady.getStatus()).isEqualTo("False");
            assertThat(topicsReady.getReason()).isEqualTo("KafkaUnreachable");
            assertThat(topicsReady.getMessage())
                    .contains(broker.bootstrapServers())
                    .contains("did not answer");
            assertThat(PipelineStatus.condition(degraded, "Ready").getStatus()).isEqualTo("False");
            // The job itself is not touched by a Kafka outage.
            assertThat(harness.flinkDeployment("airline", "outage")).isNotNull();

            broker.start();
            EventPipeline recovered = harness.awaitPhase("airline", "outage", Phase.Running);
            assertThat(PipelineStatus.condition(recovered, "TopicsReady").getStatus())
                    .isEqualTo("True");
        }
    }
}
