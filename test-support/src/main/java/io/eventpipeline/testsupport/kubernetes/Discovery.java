package io.eventpipeline.testsupport.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the API discovery documents ({@code /api}, {@code /apis}, {@code /apis/<group>/<version>})
 * for the installed CRDs in front of the mock's CRUD dispatcher, which has none. kubectl needs them
 * to turn {@code get eventpipelines} (or {@code evp}) into a URL; it asks with query parameters, so
 * paths are matched without them, and answers carry a JSON content type, which kubectl checks. Also
 * the OpenAPI v3 documents of the CRDs ({@link OpenApiDocuments}).
 */
final class Discovery extends Dispatcher {
    private static final List<String> VERBS =
            List.of("create", "delete", "get", "list", "patch", "update", "watch");

    private final Dispatcher crud;
    private final Map<String, String> documents = new HashMap<>();

    Discovery(Dispatcher crud, List<CustomResourceDefinition> crds) {
        this.crud = crud;
        put("/api", new APIVersionsBuilder().withVersions("v1").build());
        put(
                "/api/v1",
                new APIResourceListBuilder()
                        .withGroupVersion("v1")
                        .addToResources(
                                new APIResourceBuilder()
                                        .withName("events")
                                        .withSingularName("event")
                                        .withKind("Event")
                                        .withNamespaced(true)
                                        .withVerbs(VERBS)
                                        .build(),
                                new APIResourceBuilder()
                                        .withName("namespaces")
                                        .withSingularName("namespace")
                                        .withKind("Namespace")
                                        .withShortNames("ns")
                                        .withNamespaced(false)
                                        .withVerbs(VERBS)
                                        .build())
                        .build());
        // Kinds of one group and version are listed together (FlinkDeployment, FlinkSessionJob).
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        Map<String, List<APIResource>> resourcesByGroupVersion = new LinkedHashMap<>();
        for (CustomResourceDefinition crd : crds) {
            String group = crd.getSpec().getGroup();
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                List<String> versions =
                        versionsByGroup.computeIfAbsent(group, g -> new ArrayList<>());
                if (!versions.contains(version.getName())) {
                    versions.add(version.getName());
                }
                resourcesByGroupVersion
                        .computeIfAbsent(group + "/" + version.getName(), gv -> new ArrayList<>())
                        .addAll(resources(crd));
            }
        }
        resourcesByGroupVersion.forEach(
                (groupVersion, resources) ->
                        put(
                                "/apis/" + groupVersion,
                                new APIResourceListBuilder()
                                        .withGroupVersion(groupVersion)
                                        .withResources(resources)
                                        .build()));
        var groups = new APIGroupListBuilder();
        versionsByGroup.forEach(
                (group, versions) -> {
                    List<GroupVersionForDiscovery> forDiscovery =
                            versions.stream()
                                    .map(
                                            v ->
                                                    new GroupVersionForDiscoveryBuilder()
                                                            .withGroupVersion(group + "/" + v)
                                                            .withVersion(v)
                                                            .build())
                                    .toList();
                    groups.addToGroups(
                            new APIGroupBuilder()
                                    .withName(group)
                                    .withVersions(forDiscovery)
                                    .withPreferredVersion(forDiscovery.get(0))
                                    .build());
                });
        put("/apis", groups.build());
        documents.putAll(OpenApiDocuments.of(crds));
    }

    private void put(String path, Object document) {
        documents.put(path, Serialization.asJson(document));
    }

    private static List<APIResource> resources(CustomResourceDefinition crd) {
        var names = crd.getSpec().getNames();
        boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
        return List.of(
                new APIResourceBuilder()
                        .withName(names.getPlural())
                        .withSingularName(names.getSingular())
                        .withKind(names.getKind())
                        .withShortNames(names.getShortNames())
                        .withNamespaced(namespaced)
                        .withVerbs(VERBS)
                        .build(),
                new APIResourceBuilder()
                        .withName(names.getPlural() + "/status")
                        .withKind(names.getKind())
                        .withNamespaced(namespaced)
                        .withVerbs("get", "patch", "update")
                        .build());
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String document = documents.get(query < 0 ? path : path.substring(0, query));
        if (document != null && "GET".equals(request.getMethod())) {
            return new MockResponse()
                    .setResponseCode(200)
                    .setHeader("Content-Type", "application/json")
                    .setBody(document);
        }
        return crud.dispatch(request);
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
