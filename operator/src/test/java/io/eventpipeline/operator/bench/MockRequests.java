package io.eventpipeline.operator.bench;

import io.eventpipeline.operator.testing.OperatorHarness;
import io.eventpipeline.testsupport.kubernetes.MockKubernetes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests the mock API server served from a point on, counted by kind. The operator's own
 * client is told from the benchmark's by its User-Agent, as {@code ChartRbacIT} does.
 */
final class MockRequests {
    private final MockKubernetes kube;
    private final int from;

    private MockRequests(MockKubernetes kube, int from) {
        this.kube = kube;
        this.from = from;
    }

    /** Counts only the requests served after this call (not a warm-up's). */
    static MockRequests fromNow(MockKubernetes kube) {
        return new MockRequests(kube, kube.requests().size());
    }

    /** Every request, by client, verb and resource; watches apart. */
    Map<String, Long> all() {
        Map<String, Long> byKind = new TreeMap<>();
        for (MockKubernetes.Request request : served()) {
            String who = byOperator(request) ? "operator" : "benchmark";
            String watch = request.path().contains("watch=true") ? " (watch)" : "";
            byKind.merge(
                    who + " " + request.method() + " " + resource(request.path()) + watch,
                    1L,
                    Long::sum);
        }
        return byKind;
    }

    /** The operator's writes (every request but GET), by verb and resource. */
    Map<String, Long> operatorWrites() {
        Map<String, Long> byKind = new TreeMap<>();
        for (MockKubernetes.Request request : served()) {
            if (byOperator(request) && !request.method().equals("GET")) {
                byKind.merge(request.method() + " " + resource(request.path()), 1L, Long::sum);
            }
        }
        return byKind;
    }

    private List<MockKubernetes.Request> served() {
        List<MockKubernetes.Request> requests = kube.requests();
        return requests.subList(from, requests.size());
    }

    private static boolean byOperator(MockKubernetes.Request request) {
        return OperatorHarness.OPERATOR_USER_AGENT.equals(request.userAgent());
    }

    /** "eventpipelines/status" from /apis/g/v/namespaces/ns/eventpipelines/name/status?x. */
    static String resource(String path) {
        String[] parts = path.split("\\?")[0].split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("namespaces") && i + 2 < parts.length) {
                return parts[i + 2] + (i + 4 < parts.length ? "/" + parts[i + 4] : "");
            }
        }
        return path.split("\\?")[0];
    }
}
