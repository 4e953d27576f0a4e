package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** CPU and memory of a Flink pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"cpu", "memory"})
public class ResourcesSpec {
    /** One millicore: Kubernetes' smallest CPU unit. */
    public static final double MIN_CPU = 0.001;

    /** More cores than any node offers. */
    public static final double MAX_CPU = 512;

    @Min(MIN_CPU)
    @Max(MAX_CPU)
    @JsonPropertyDescription("CPU cores (e.g. 0.5).")
    private Double cpu;

    @Pattern("^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$")
    @JsonPropertyDescription("Memory, as a Kubernetes quantity (e.g. 1Gi).")
    private String memory;

    public Double getCpu() {
        return cpu;
    }

    public void setCpu(Double cpu) {
        this.cpu = cpu;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }
}
