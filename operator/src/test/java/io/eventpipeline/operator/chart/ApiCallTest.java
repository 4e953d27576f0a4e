package io.eventpipeline.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HTTP requests mapped to RBAC attributes the way the API server's authorizer maps them. */
class ApiCallTest {
    @Test
    void namedAndCollectionRequestsOfACustomResource() {
        assertThat(ApiCall.of("GET", "/apis/eventpipeline.io/v1alpha1/eventpipelines"))
                .contains(new ApiCall("eventpipeline.io", "eventpipelines", "list", null, null));
        assertThat(
                        ApiCall.of(
                                "GET",
                                "/apis/eventpipeline.io/v1alpha1/eventpipelines"
                                        + "?allowWatchBookmarks=true&resourceVersion=5&watch=true"))
                .contains(new ApiCall("eventpipeline.io", "eventpipelines", "watch", null, null));
        assertThat(
                        ApiCall.of(
                                "PATCH",
                                "/apis/eventpipeline.io/v1alpha1/namespaces/shop/eventpipelines/orders/status"))
                .contains(
                        new ApiCall(
                                "eventpipeline.io",
                                "eventpipelines/status",
                                "patch",
                                "shop",
                                "orders"));
        assertThat(
                        ApiCall.of(
                                "DELETE",
                                "/apis/flink.apache.org/v1beta1/namespaces/shop/flinkdeployments/orders"))
                .contains(
                        new ApiCall(
                                "flink.apache.org",
                                "flinkdeployments",
                                "delete",
                                "shop",
                                "orders"));
    }

    @Test
    void coreGroupAndCreate() {
        assertThat(ApiCall.of("POST", "/api/v1/namespaces/shop/events"))
                .contains(new ApiCall("", "events", "create", "shop", null));
        assertThat(ApiCall.of("GET", "/api/v1/namespaces/shop/secrets/kafka-client"))
                .contains(new ApiCall("", "secrets", "get", "shop", "kafka-client"));
        assertThat(ApiCall.of("PUT", "/apis/coordination.k8s.io/v1/namespaces/ops/leases/lead"))
                .contains(new ApiCall("coordination.k8s.io", "leases", "update", "ops", "lead"));
        // The namespace object itself is cluster-scoped.
        assertThat(ApiCall.of("GET", "/api/v1/namespaces/shop"))
                .contains(new ApiCall("", "namespaces", "get", null, "shop"));
    }

    @Test
    void nonResourceUrlsAreNoResourceCalls() {
        assertThat(ApiCall.of("GET", "/version")).isEqualTo(Optional.empty());
        assertThat(ApiCall.of("GET", "/apis")).isEmpty();
        assertThat(ApiCall.of("GET", "/apis/eventpipeline.io/v1alpha1")).isEmpty();
    }
}
