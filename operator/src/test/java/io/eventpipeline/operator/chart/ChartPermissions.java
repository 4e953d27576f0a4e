package io.eventpipeline.operator.chart;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a rendering of the chart lets the operator's ServiceAccount do, evaluated the way the RBAC
 * authorizer does: a bound ClusterRole's rules apply everywhere, a bound Role's in its namespace.
 */
final class ChartPermissions {
    /**
     * A rule and where it applies; {@code namespace} null means every namespace and the cluster.
     */
    private record Grant(String namespace, PolicyRule rule) {}

    private final List<Grant> grants = new ArrayList<>();

    ChartPermissions(HelmChart.Rendered rendered, String serviceAccount) {
        for (ClusterRoleBinding binding : rendered.all(ClusterRoleBinding.class)) {
            if (bindsServiceAccount(binding.getSubjects(), serviceAccount)) {
                rendered.all(ClusterRole.class).stream()
                        .filter(
                                r ->
                                        r.getMetadata()
                                                .getName()
                                                .equals(binding.getRoleRef().getName()))
                        .flatMap(r -> r.getRules().stream())
                        .forEach(rule -> grants.add(new Grant(null, rule)));
            }
        }
        for (RoleBinding binding : rendered.all(RoleBinding.class)) {
            String namespace = binding.getMetadata().getNamespace();
            if (bindsServiceAccount(binding.getSubjects(), serviceAccount)
                    && binding.getRoleRef().getKind().equals("Role")) {
                rendered.all(Role.class).stream()
                        .filter(r -> r.getMetadata().getNamespace().equals(namespace))
                        .filter(
                                r ->
                                        r.getMetadata()
                                                .getName()
                                                .equals(binding.getRoleRef().getName()))
                        .flatMap(r -> r.getRules().stream())
                        .forEach(rule -> grants.add(new Grant(namespace, rule)));
            }
        }
    }

    private static boolean bindsServiceAccount(List<Subject> subjects, String serviceAccount) {
        return subjects.stream()
                .anyMatch(
                        s ->
                                s.getKind().equals("ServiceAccount")
                                        && s.getName().equals(serviceAccount)
                                        && s.getNamespace().equals(HelmChart.NAMESPACE));
    }

    /** Whether the authorizer would allow this call. */
    boolean allows(ApiCall call) {
        return grants.stream()
                .filter(g -> g.namespace() == null || g.namespace().equals(call.namespace()))
                .anyMatch(g -> matches(g.rule(), call));
    }

    private static boolean matches(PolicyRule rule, ApiCall call) {
        boolean named = rule.getResourceNames() != null && !rule.getResourceNames().isEmpty();
        return rule.getApiGroups().contains(call.group())
                && rule.getResources().contains(call.resource())
                && rule.getVerbs().contains(call.verb())
                // A rule limited to names never covers a request without one (list, create).
                && (!named
                        || (call.name() != null && rule.getResourceNames().contains(call.name())));
    }

    /** The rules that hold in a namespace, as a SelfSubjectRulesReview there would list them. */
    List<ResourceRule> resourceRulesIn(String namespace) {
        return grants.stream()
                .filter(g -> g.namespace() == null || g.namespace().equals(namespace))
                .map(
                        g ->
                                new ResourceRuleBuilder()
                                        .withApiGroups(g.rule().getApiGroups())
                                        .withResources(g.rule().getResources())
                                        .withResourceNames(g.rule().getResourceNames())
                                        .withVerbs(g.rule().getVerbs())
                                        .build())
                .toList();
    }

    /** Every (group, resource, verb) some rule grants. */
    Set<ApiCall.Permission> granted() {
        Set<ApiCall.Permission> granted = new TreeSet<>(PERMISSION_ORDER);
        for (Grant grant : grants) {
            for (String group : grant.rule().getApiGroups()) {
                for (String resource : grant.rule().getResources()) {
                    for (String verb : grant.rule().getVerbs()) {
                        granted.add(new ApiCall.Permission(group, resource, verb));
                    }
                }
            }
        }
        return granted;
    }

    static final Comparator<ApiCall.Permission> PERMISSION_ORDER =
            Comparator.comparing(ApiCall.Permission::group)
                    .thenComparing(ApiCall.Permission::resource)
                    .thenComparing(ApiCall.Permission::verb);
}
