package io.eventpipeline.job.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.job.TestPipelines;
import io.eventpipeline.spec.resolved.ResolvedPipeline;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResolvedPipelineTest {
    private static ResolvedPipeline pipeline(String patterns) throws Exception {
        return ResolvedPipeline.resolve(TestPipelines.withPatterns("p", patterns));
    }

    @Test
    void conditionFieldsAreEveryWhereAndUntilOfEveryPatternTogether() throws Exception {
        assertThat(
                        pipeline(
                                        """
                                        - name: first
                                          steps:
                                            - {name: a, where: "event.type == 'a'", oneOrMore: true, until: "event.stop"}
                                            - {name: b, where: "event.gate != a[0].gate"}
                                        - name: second
                                          steps:
                                            - {name: c, where: "has(event.region)"}
                                        """)
                                .conditionFields())
                .contains(Set.of("type", "stop", "gate", "region"));
        assertThat(
                        pipeline(
                                        """
                                        - name: first
                                          steps:
                                            - {name: a, where: "event.type == 'a'"}
                                        - name: second
                                          steps:
                                            - {name: c, where: "size(event) > 3"}
                                        """)
                                .conditionFields())
                .isEmpty();
    }
}
