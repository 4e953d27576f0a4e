package io.eventpipeline.operator.flink;

import java.util.Map;
import java.util.TreeMap;

/** Labels on everything the operator creates for a pipeline. */
public final class PipelineLabels {
    public static final String PIPELINE = "eventpipeline.io/pipeline";

    private PipelineLabels() {}

    public static Map<String, String> of(String pipelineName) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", "eventpipeline");
        labels.put("app.kubernetes.io/instance", pipelineName);
        labels.put("app.kubernetes.io/managed-by", "eventpipeline-operator");
        labels.put(PIPELINE, pipelineName);
        return labels;
    }
}
