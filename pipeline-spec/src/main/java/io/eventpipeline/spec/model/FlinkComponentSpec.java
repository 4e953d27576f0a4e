package io.eventpipeline.spec.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Settings of a Flink JobManager or TaskManager. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"resources"})
public class FlinkComponentSpec {

    @JsonPropertyDescription("CPU and memory of each pod.")
    private ResourcesSpec resources;

    public ResourcesSpec getResources() {
        return resources;
    }

    public void setResources(ResourcesSpec resources) {
        this.resources = resources;
    }
}
