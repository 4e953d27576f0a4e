package io.eventpipeline.operator.api;

import io.eventpipeline.spec.model.EventPipelineSpec;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Kafka-to-Kafka pattern-detection pipeline: topics plus a Flink CEP job, one resource. */
@Group("eventpipeline.io")
@Version("v1alpha1")
@ShortNames({"evp", "evpipe"})
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Input", jsonPath = ".spec.input.topic")
@AdditionalPrinterColumn(name = "Output", jsonPath = ".spec.output.topic")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.job.mode", priority = 1)
@AdditionalPrinterColumn(name = "Session", jsonPath = ".status.job.sessionCluster", priority = 1)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class EventPipeline extends CustomResource<EventPipelineSpec, EventPipelineStatus>
        implements Namespaced {}
