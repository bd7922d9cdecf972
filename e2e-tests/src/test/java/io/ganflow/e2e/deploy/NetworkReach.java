package io.ganflow.e2e.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;

/**
 * Whether Kubernetes' NetworkPolicies let a connection into a pod, by the rules of the NetworkPolicy API: a pod that
 * no Ingress policy selects takes anything; one that some select takes what any of their rules allows (a rule's
 * ports and one of its peers). Peers by pod labels (same namespace), namespace labels (a namespace's
 * {@code kubernetes.io/metadata.name}) or both; label selectors by matchLabels only (matchExpressions are refused,
 * so that nothing is judged by half a rule).
 */
final class NetworkReach {

    /** Where a connection comes from: a pod's namespace and labels. */
    record From(String namespace, Map<String, String> labels) {}

    private final String namespace;
    private final List<NetworkPolicy> policies;

    NetworkReach(String namespace, List<NetworkPolicy> policies) {
        this.namespace = namespace;
        this.policies = policies;
    }

    boolean allows(From from, Map<String, String> to, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress")
                        && matches(p.getSpec().getPodSelector(), to))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream()
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> portMatches(rule, port) && peerMatches(rule, from));
    }

    private static boolean portMatches(NetworkPolicyIngressRule rule, int port) {
        return rule.getPorts().isEmpty()
                || rule.getPorts().stream()
                        .anyMatch(p -> p.getPort() == null || p.getPort().getIntVal() == port);
    }

    private boolean peerMatches(NetworkPolicyIngressRule rule, From from) {
        if (rule.getFrom().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getIpBlock() != null) {
                continue;
            }
            boolean namespaceOk = peer.getNamespaceSelector() == null
                    ? from.namespace().equals(namespace)
                    : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", from.namespace()));
            boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), from.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null
                && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not judged here: " + selector);
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
