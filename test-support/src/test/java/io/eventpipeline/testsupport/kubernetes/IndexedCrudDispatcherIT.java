package io.eventpipeline.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The indexed store answers every request as fabric8's own store does: the same random sequence of
 * creates, reads by name, lists, patches, finalizer edits and deletes, over names repeated across
 * namespaces, sent to both; every answer (status code and body, uid and creation time aside) must
 * be the same.
 */
class IndexedCrudDispatcherIT {
    private static final List<String> NAMESPACES = List.of("a", "b", "c");
    private static final int NAMES = 6;

    private final List<KubernetesMockServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(KubernetesMockServer::destroy);
    }

    @Test
    void answersEveryRequestAsTheScanningStoreDoes() {
        KubernetesClient plain = start(new KubernetesCrudDispatcher());
        KubernetesClient indexed = start(new IndexedCrudDispatcher());
        Random random = new Random(20261205L);
        int named = 0;
        for (int i = 0; i < 600; i++) {
            String ns = NAMESPACES.get(random.nextInt(NAMESPACES.size()));
            String name = "cm-" + random.nextInt(NAMES);
            int op = random.nextInt(8);
            String value = Integer.toString(random.nextInt(3));
            Function<KubernetesClient, String> request = operation(op, ns, name, value);
            String expected = request.apply(plain);
            assertThat(request.apply(indexed))
                    .as("request %d (operation %d on %s/%s)", i, op, ns, name)
                    .isEqualTo(expected);
            if (op == 1 && !expected.startsWith("error")) {
                named++;
            }
        }
        // The sequence must reach the cases the index answers: reads of objects that exist.
        assertThat(named).isGreaterThan(20);
    }

    private static Function<KubernetesClient, String> operation(
            int op, String ns, String name, String value) {
        return client ->
                answer(
                        () -> {
                            var configMaps = client.configMaps().inNamespace(ns);
                            switch (op) {
                                case 0:
                                    return configMaps
                                            .resource(
                                                    new ConfigMapBuilder()
                                                            .withNewMetadata()
                                                            .withName(name)
                                                            .addToLabels("v", value)
                                                            .endMetadata()
                                                            .addToData("v", value)
                                                            .build())
                                            .create();
                                case 1:
                                    ConfigMap found = configMaps.withName(name).get();
                                    if (found == null) {
                                        throw new KubernetesClientException("absent", 404, null);
                                    }
                                    return found;
                                case 2:
                                    return configMaps
                                            .withName(name)
                                            .patch(
                                                    PatchContext.of(PatchType.JSON_MERGE),
                                                    "{\"data\":{\"v\":\"" + value + "\"}}");
                                case 3:
                                    return configMaps
                                            .withName(name)
                                            .patch(
                                                    PatchContext.of(PatchType.JSON_MERGE),
                                                    "{\"metadata\":{\"finalizers\":"
                                                            + ("0".equals(value)
                                                                    ? "[\"x/y\"]"
                                                                    : "null")
                                                            + "}}");
                                case 4:
                                    return configMaps.withName(name).delete();
                                case 5:
                                    return configMaps.withLabel("v", value).list().getItems();
                                case 6:
                                    return client.configMaps().inAnyNamespace().list().getItems();
                                default:
                                    return client.configMaps()
                                            .inAnyNamespace()
                                            .withField("metadata.name", name)
                                            .list()
                                            .getItems();
                            }
                        });
    }

    private interface Call {
        Object run();
    }

    /** The answer as comparable text: the body without what differs by nature, or the code. */
    private static String answer(Call call) {
        try {
            Object result = call.run();
            return normalized(Serialization.asJson(result));
        } catch (KubernetesClientException e) {
            return "error " + e.getCode();
        }
    }

    @SuppressWarnings("unchecked")
    private static String normalized(String json) {
        Object tree = Serialization.unmarshal(json, Object.class);
        strip(tree);
        return Serialization.asJson(tree);
    }

    @SuppressWarnings("unchecked")
    private static void strip(Object node) {
        if (node instanceof Map) {
            Map<String, Object> map = (Map<String, Object>) node;
            map.remove("uid");
            map.remove("creationTimestamp");
            map.remove("deletionTimestamp");
            map.values().forEach(IndexedCrudDispatcherIT::strip);
        } else if (node instanceof List) {
            ((List<Object>) node).forEach(IndexedCrudDispatcherIT::strip);
        }
    }

    private KubernetesClient start(Dispatcher store) {
        KubernetesMockServer server =
                new KubernetesMockServer(
                        new Context(), new MockWebServer(), new HashMap<>(), store, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        servers.add(server);
        return server.createClient();
    }
}
