package io.ganflow.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.ganflow.events.ImageBatch;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/ as each overlay renders it: Kubernetes objects it would accept, sized by the overlay and not the base, GPUs
 * for the gpu overlay's trainers, trainers scaled by KEDA on their lag on the batch topic, a disruption budget per
 * service, and a locked-down namespace (pods without privileges or API tokens, network policies that let through
 * exactly what the services need, TLS on the Ingress).
 */
class KubernetesOverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "cpu", "gpu"})
    void everyManifestIsAKubernetesObjectOfAKnownKindWithNoUnknownField(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay); // reading refuses unknown kinds and fields
        assertEquals(rendered.documents.size(), rendered.objects.size());
        for (String service : DeployFiles.SERVICES) {
            assertNotNull(rendered.deployment(service));
        }
    }

    @Test
    void theBaseLeavesReplicasAndResourcesToTheOverlays() {
        RenderedOverlay base = RenderedOverlay.of("base");
        for (Deployment deployment : base.all(Deployment.class)) {
            assertNull(
                    deployment.getSpec().getReplicas(), deployment.getMetadata().getName());
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertTrue(
                    container.getResources() == null
                            || container.getResources().getRequests().isEmpty(),
                    deployment.getMetadata().getName() + " has resources in the base");
        }
        for (String overlay : List.of("cpu", "gpu")) {
            for (PodTemplateSpec pod :
                    RenderedOverlay.of(overlay).podTemplates().values()) {
                var resources = pod.getSpec().getContainers().get(0).getResources();
                String what = overlay + ": " + pod.getMetadata().getLabels().get("app");
                assertNotNull(resources.getRequests().get("cpu"), what);
                assertNotNull(resources.getRequests().get("memory"), what);
                assertEquals(
                        resources.getRequests().get("memory"),
                        resources.getLimits().get("memory"),
                        what);
            }
        }
    }

    @Test
    void theGpuOverlayGivesEachTrainerAnNvidiaGpuAndTheCpuOverlayNone() {
        PodSpec gpu = RenderedOverlay.of("gpu")
                .deployment("trainer-service")
                .getSpec()
                .getTemplate()
                .getSpec();
        Container trainer = gpu.getContainers().get(0);
        assertEquals(new Quantity("1"), trainer.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals("ganflow/trainer-service-gpu:dev", trainer.getImage(), "the CUDA image of Dockerfile.gpu");
        assertTrue(
                gpu.getTolerations().stream()
                        .anyMatch(t -> t.getKey().equals("nvidia.com/gpu")
                                && t.getEffect().equals("NoSchedule")),
                "tolerates the GPU nodes' taint");
        assertEquals("true", gpu.getNodeSelector().get("nvidia.com/gpu.present"));
        for (String overlay : List.of("cpu", "gpu")) {
            RenderedOverlay rendered = RenderedOverlay.of(overlay);
            rendered.podTemplates().forEach((name, pod) -> {
                boolean asks = pod.getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getLimits()
                        .containsKey("nvidia.com/gpu");
                assertEquals(overlay.equals("gpu") && name.equals("trainer-service"), asks, overlay + ": " + name);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void trainersScaleOnTheWorkWaitingOnTheBatchTopicUpToItsPartitions(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        ScaledObject scaled =
                DeployFiles.YAML.convertValue(rendered.document("ScaledObject", "trainer-service"), ScaledObject.class);
        assertEquals("trainer-service", scaled.spec().scaleTargetRef().name());
        assertTrue(scaled.spec().minReplicaCount() >= 1, "a trainer is always ready for a new run");
        assertEquals(1, scaled.spec().triggers().size());
        ScaledObject.Trigger lag = scaled.spec().triggers().get(0);
        assertEquals("kafka", lag.type());
        assertEquals(ImageBatch.TOPIC, lag.metadata().get("topic"));
        assertEquals(trainerGroup(), lag.metadata().get("consumerGroup"), "the group the trainers consume batches in");
        assertEquals(
                rendered.configValue("KAFKA_BOOTSTRAP_SERVERS"), lag.metadata().get("bootstrapServers"));
        assertFalse(
                "true".equals(lag.metadata().get("allowIdleConsumers")),
                "more trainers than partitions would idle: the partition count must bound them");
        assertEquals("true", lag.metadata().get("limitToPartitionsWithLag"));
        assertTrue(
                rendered.all(HorizontalPodAutoscaler.class).stream()
                        .noneMatch(
                                h -> h.getSpec().getScaleTargetRef().getName().equals("trainer-service")),
                "a CPU autoscaler of the trainers would fight KEDA's");
        // the partition count is one setting: the gateway creates (and raises) the topic from it
        assertTrue(Integer.parseInt(rendered.configValue("GAN_BATCH_PARTITIONS")) >= 1);
        assertTrue(DeployFiles.applicationProperties("gateway")
                .getProperty("ganflow.kafka.batch-partitions")
                .startsWith("${GAN_BATCH_PARTITIONS:"));
    }

    /** The trainers' consumer group on the batch topic: TrainerConfig.group()'s default. */
    private static String trainerGroup() {
        Matcher group = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+String group\\(\\)")
                .matcher(
                        DeployFiles.text("trainer-service/src/main/java/io/ganflow/trainer/config/TrainerConfig.java"));
        assertTrue(group.find(), "TrainerConfig has no group default");
        return group.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyServiceHasADisruptionBudgetThatStillLetsANodeDrain(String overlay) {
        RenderedOverlay rendered = RenderedOverlay.of(overlay);
        for (String service : DeployFiles.SERVICES) {
            Map<String, String> labels = rendered.deployment(service)
                    .getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels();
            List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                    .filter(b -> labels.entrySet()
                            .containsAll(
                                    b.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
            assertEquals(1, budgets.size(), overlay + ": budgets of " + service);
            var spec = budgets.get(0).getSpec();
            Integer replicas = rendered.deployment(service).getSpec().getReplicas();
            int fewest = replicas != null ? replicas : 1; // the trainers: KEDA's minimum
            if (spec.getMinAvailable() != null) {
                assertTrue(
                        spec.getMinAvailable().getIntVal() < fewest,
                        overlay + ": " + service + " could never be evicted");
            } else {
                assertTrue(spec.getMaxUnavailable().getIntVal() >= 1, overlay + ": " + service);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void noPodHasPrivilegesOrAKubernetesApiToken(String overlay) {
        RenderedOverlay.of(overlay).podTemplates().forEach((name, template) -> {
            PodSpec pod = template.getSpec();
            String what = overlay + ": " + name;
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), what + " mounts an API token");
            assertTrue(pod.getSecurityContext().getRunAsNonRoot(), what);
            assertEquals(
                    "RuntimeDefault",
                    pod.getSecurityContext().getSeccompProfile().getType(),
                    what);
            for (Container container : pod.getContainers()) {
                assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), what);
                assertEquals(
                        List.of("ALL"),
                        container.getSecurityContext().getCapabilities().getDrop(),
                        what);
                assertTrue(
                        container.getSecurityContext().getCapabilities().getAdd() == null
                                || container
                                        .getSecurityContext()
                                        .getCapabilities()
                                        .getAdd()
                                        .isEmpty(),
                        what);
            }
        });
    }

    @Test
    void eachServiceUsesTheStoreAsItsOwnUserAndGetsOnlyTheSecretsItNeeds() {
        RenderedOverlay rendered = RenderedOverlay.of("cpu");
        for (String service : DeployFiles.SERVICES) {
            Container container = rendered.container(service);
            Map<String, io.fabric8.kubernetes.api.model.EnvVar> env = new java.util.HashMap<>();
            container.getEnv().forEach(v -> env.put(v.getName(), v));
            assertEquals(
                    service, env.get("GAN_S3_ACCESS_KEY").getValue(), "its own MinIO user, the root account never");
            var secret = env.get("GAN_S3_SECRET_KEY").getValueFrom().getSecretKeyRef();
            assertTrue(secret.getName().startsWith("ganflow-s3-users"));
            assertEquals("S3_SECRET_" + service.toUpperCase().replace('-', '_'), secret.getKey(), "its own password");
            for (var from : container.getEnvFrom()) {
                if (from.getSecretRef() != null) {
                    assertEquals("gateway", service, service + " takes a whole secret");
                    assertTrue(from.getSecretRef().getName().startsWith("ganflow-api-keys"));
                }
            }
            assertTrue(
                    DeployFiles.text("k8s/base/minio/create-users.sh").contains("S3_SECRET_$(echo \"$service\""),
                    "the setup script names each user's password variable as the deployments do");
        }
        rendered.podTemplates().forEach((name, pod) -> {
            boolean root = pod.getSpec().getContainers().stream()
                    .flatMap(c -> c.getEnvFrom().stream())
                    .anyMatch(f -> f.getSecretRef() != null
                            && f.getSecretRef().getName().startsWith("ganflow-minio-root"));
            assertEquals(
                    name.equals("minio") || name.equals("minio-setup"), root, name + " holds MinIO's root account");
        });
    }

    @Test
    void theIngressServesTheGatewayOverTlsOnly() {
        Ingress ingress = RenderedOverlay.of("cpu").named(Ingress.class, "gateway");
        List<IngressTLS> tls = ingress.getSpec().getTls();
        assertEquals(1, tls.size());
        assertNotNull(tls.get(0).getSecretName());
        var rule = ingress.getSpec().getRules().get(0);
        assertTrue(tls.get(0).getHosts().contains(rule.getHost()), "the certificate covers the host served");
        List<String> routed = rule.getHttp().getPaths().stream()
                .peek(path ->
                        assertEquals("gateway", path.getBackend().getService().getName()))
                .map(path -> path.getPath() + (path.getPathType().equals("Prefix") ? "*" : ""))
                .toList();
        assertTrue(routed.containsAll(List.of("/", "/api*", "/assets*")), "the UI, its scripts and the API: " + routed);
        assertTrue(
                routed.containsAll(List.of("/q/openapi*", "/asyncapi", "/asyncapi.html")),
                "the API's contracts: " + routed);
        for (String inside : List.of("/q/metrics", "/q/health/ready")) {
            assertTrue(
                    routed.stream()
                            .noneMatch(p -> p.endsWith("*") ? inside.startsWith(p.replace("*", "")) : inside.equals(p)),
                    inside + " stays inside the cluster: " + routed);
        }
        assertEquals("true", ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/ssl-redirect"));
    }

    @Test
    void networkPoliciesLetThroughWhatTheServicesNeedAndNothingElse() {
        RenderedOverlay rendered = RenderedOverlay.of("cpu");
        String namespace = "ganflow";
        NetworkReach reach = new NetworkReach(namespace, rendered.all(NetworkPolicy.class));
        Map<String, PodTemplateSpec> pods = rendered.podTemplates();
        java.util.function.Function<String, NetworkReach.From> pod = name ->
                new NetworkReach.From(namespace, pods.get(name).getMetadata().getLabels());
        java.util.function.Function<String, Map<String, String>> to =
                name -> pods.get(name).getMetadata().getLabels();
        NetworkReach.From ingress = new NetworkReach.From("ingress-nginx", Map.of());
        NetworkReach.From prometheus = new NetworkReach.From("monitoring", Map.of());
        NetworkReach.From intruder = new NetworkReach.From(namespace, Map.of("app", "intruder"));
        NetworkReach.From elsewhere =
                new NetworkReach.From("other", pods.get("gateway").getMetadata().getLabels());

        // what the system needs
        assertTrue(reach.allows(ingress, to.apply("gateway"), 8080), "the Ingress reaches the gateway");
        assertTrue(reach.allows(ingress, to.apply("minio"), 9000), "browsers download synthetic sets");
        assertTrue(reach.allows(pod.apply("gateway"), to.apply("sampler-service"), 8080));
        assertTrue(reach.allows(pod.apply("gateway"), to.apply("dataset-service"), 8080));
        assertTrue(reach.allows(pod.apply("evaluator-service"), to.apply("dataset-service"), 8080), "held-out");
        for (String service : DeployFiles.SERVICES) {
            assertTrue(reach.allows(pod.apply(service), to.apply("kafka"), 9092), service + " to Kafka");
            assertTrue(reach.allows(pod.apply(service), to.apply("minio"), 9000), service + " to MinIO");
            assertTrue(reach.allows(prometheus, to.apply(service), 8080), "Prometheus scrapes " + service);
        }
        // and nothing else
        for (String service : List.of("sampler-service", "dataset-service", "trainer-service", "evaluator-service")) {
            assertFalse(reach.allows(ingress, to.apply(service), 8080), "the Ingress reaches " + service);
            assertFalse(reach.allows(intruder, to.apply(service), 8080), "any pod reaches " + service);
        }
        assertFalse(reach.allows(pod.apply("trainer-service"), to.apply("sampler-service"), 8080));
        assertFalse(reach.allows(pod.apply("trainer-service"), to.apply("dataset-service"), 8080));
        assertFalse(reach.allows(pod.apply("sampler-service"), to.apply("dataset-service"), 8080));
        assertFalse(reach.allows(pod.apply("trainer-service"), to.apply("gateway"), 8080));
        for (String store : List.of("kafka", "minio")) {
            int port = store.equals("kafka") ? 9092 : 9000;
            assertFalse(reach.allows(intruder, to.apply(store), port), "any pod reaches " + store);
            assertFalse(reach.allows(elsewhere, to.apply(store), port), "another namespace reaches " + store);
            assertFalse(reach.allows(prometheus, to.apply(store), port), "Prometheus reaches " + store);
        }
        assertFalse(reach.allows(ingress, to.apply("kafka"), 9092));
        assertTrue(reach.allows(pod.apply("minio-setup"), to.apply("minio"), 9000), "the Job makes the users");
        assertFalse(reach.allows(pod.apply("minio-setup"), to.apply("kafka"), 9092));
    }

    @Test
    void theDashboardIsShippedForGrafanasSidecar() {
        JsonNode dashboard = RenderedOverlay.of("cpu").documents.stream()
                .filter(d -> d.path("kind").asText().equals("ConfigMap")
                        && d.at("/metadata/name").asText().startsWith("ganflow-dashboard"))
                .findFirst()
                .orElseThrow();
        assertEquals("1", dashboard.at("/metadata/labels/grafana_dashboard").asText());
        assertTrue(dashboard.at("/data/grafana-dashboard.json").isTextual());
    }
}
