package io.ganflow.e2e.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A rendered manifest read into Kubernetes' typed model (fabric8's), refusing what Kubernetes would refuse or
 * silently drop: an unknown kind or apiVersion, and any field the model does not know (fabric8 keeps those aside as
 * "additional properties", which are looked for everywhere). KEDA's ScaledObject, a custom resource with no model
 * there, is read into {@link ScaledObject}, which knows the fields of KEDA's schema that we use.
 */
final class TypedManifests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("Namespace", Namespace.class),
            Map.entry("Service", Service.class),
            Map.entry("ConfigMap", ConfigMap.class),
            Map.entry("Secret", Secret.class),
            Map.entry("PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("Deployment", Deployment.class),
            Map.entry("StatefulSet", StatefulSet.class),
            Map.entry("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("Ingress", Ingress.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("Job", Job.class));

    private TypedManifests() {}

    static HasMetadata read(JsonNode document) {
        String kind = document.path("kind").asText();
        String apiVersion = document.path("apiVersion").asText();
        String name = kind + " " + document.at("/metadata/name").asText();
        try {
            if (kind.equals("ScaledObject")) {
                STRICT.treeToValue(document, ScaledObject.class); // unknown fields throw
                if (!apiVersion.equals("keda.sh/v1alpha1")) {
                    throw new AssertionError(name + ": apiVersion " + apiVersion);
                }
                return JSON.treeToValue(document, GenericKubernetesResource.class);
            }
            Class<? extends HasMetadata> type = KINDS.get(kind);
            if (type == null) {
                throw new AssertionError(name + ": a kind the deploy tests do not know");
            }
            String expected = HasMetadata.getApiVersion(type);
            if (!apiVersion.equals(expected)) {
                throw new AssertionError(name + ": apiVersion " + apiVersion + ", Kubernetes serves " + expected);
            }
            HasMetadata object = JSON.treeToValue(document, type);
            List<String> unknown = new ArrayList<>();
            unknownFields(object, kind, unknown);
            if (!unknown.isEmpty()) {
                throw new AssertionError(name + " has fields Kubernetes does not know: " + unknown);
            }
            return object;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(name + " is not a valid " + kind + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void unknownFields(Object node, String path, List<String> found) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> unknownFields(value, path + "." + key, found));
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3))
                        + getter.getName().substring(4);
                unknownFields(value, path + "." + field, found);
            }
        }
    }
}
