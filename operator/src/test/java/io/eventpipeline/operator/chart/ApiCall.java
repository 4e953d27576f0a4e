package io.eventpipeline.operator.chart;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One request to the Kubernetes API as RBAC sees it: the attributes the API server's authorizer
 * derives from the HTTP method and path.
 *
 * @param group API group, "" for the core group
 * @param resource resource, with "/subresource" when there is one
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param namespace the namespace, or null for a cluster-scoped request
 * @param name the object's name, or null (collections, and create)
 */
record ApiCall(String group, String resource, String verb, String namespace, String name) {

    /** The call a request stands for; empty for non-resource URLs ({@code /version}, discovery). */
    static Optional<ApiCall> of(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        List<String> rest;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            rest = segments.subList(2, segments.size());
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            rest = segments.subList(3, segments.size());
        } else {
            return Optional.empty();
        }
        if (rest.isEmpty()) {
            return Optional.empty(); // discovery of a group version
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0) + (rest.size() > 2 ? "/" + rest.get(2) : "");
        String name = rest.size() > 1 ? rest.get(1) : null;
        return Optional.of(
                new ApiCall(group, resource, verb(method, name, query), namespace, name));
    }

    private static String verb(String method, String name, String query) {
        boolean watch =
                Arrays.asList(query.split("&")).contains("watch=true")
                        || Arrays.asList(query.split("&")).contains("watch=1");
        return switch (method) {
            case "GET" -> watch ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> throw new IllegalArgumentException("unexpected method " + method);
        };
    }

    /** What a ClusterRole rule would have to list: group, resource and verb. */
    Permission permission() {
        return new Permission(group, resource, verb);
    }

    /** An (apiGroup, resource, verb) triple, the unit RBAC rules grant. */
    record Permission(String group, String resource, String verb) {
        @Override
        public String toString() {
            return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
        }
    }
}
