package io.ganflow.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * The fields of KEDA's ScaledObject (keda.sh/v1alpha1) that ganflow's manifests may use, so that a misspelt one is
 * refused as KEDA's schema would refuse it. The HPA behaviour inside is Kubernetes' own, kept as a tree.
 */
record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    record Spec(
            Target scaleTargetRef,
            Integer minReplicaCount,
            Integer maxReplicaCount,
            Integer pollingInterval,
            Integer cooldownPeriod,
            Advanced advanced,
            List<Trigger> triggers) {}

    record Target(String apiVersion, String kind, String name) {}

    record Advanced(HpaConfig horizontalPodAutoscalerConfig) {}

    record HpaConfig(JsonNode behavior) {}

    record Trigger(String type, Map<String, String> metadata) {}
}
