package io.ganflow.e2e.deploy;

import static io.ganflow.e2e.deploy.DeployFiles.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml and the Kubernetes manifests (the cpu overlay, as kubectl renders it) against the services as
 * they are: every service deployed, every setting a service needs given, every variable given one a service reads,
 * probes and ports that exist, graceful shutdowns waited for, read-only file systems.
 */
class DeployManifestsTest {

    /** ${NAME} and ${NAME:default} in application.properties; with no default the service cannot start without it. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}");

    private static RenderedOverlay kubernetes() {
        return RenderedOverlay.of("cpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void everyServiceIsDeployedWithWhatItNeedsAndNothingItDoesNotRead(String service) {
        Properties properties = DeployFiles.applicationProperties(service);
        Set<String> required = new HashSet<>();
        Set<String> readable = new HashSet<>();
        for (String name : properties.stringPropertyNames()) {
            readable.add(asEnvironmentVariable(name.replaceFirst("^%[a-z]+\\.", "")));
            Matcher placeholder = PLACEHOLDER.matcher(properties.getProperty(name));
            while (placeholder.find()) {
                readable.add(placeholder.group(1));
                if (placeholder.group(2) == null && !name.startsWith("%")) {
                    required.add(placeholder.group(1));
                }
            }
        }
        if (service.equals("gateway")) {
            required.add("GAN_OPERATOR_KEYS"); // optional in its properties, but ApiKeys refuses to start without one
        }

        Set<String> compose = composeVariables(service);
        Set<String> shared = kubernetes().sharedConfiguration();
        Set<String> given = kubernetes().variablesOf(kubernetes().container(service));
        assertTrue(compose.containsAll(required), service + " needs " + required + ", compose gives " + compose);
        assertTrue(given.containsAll(required), service + " needs " + required + ", Kubernetes gives " + given);
        for (String variable : compose) {
            assertTrue(
                    readable.contains(variable),
                    "docker-compose gives " + service + " " + variable + ", which it does not read");
        }
        for (String variable : given) {
            assertTrue(
                    shared.contains(variable) || readable.contains(variable),
                    "Kubernetes gives " + service + " " + variable);
        }
    }

    /**
     * A stopping service needs its graceful shutdown: the trainer's hand-over (checkpoint every run, leave the group),
     * the others' requests in flight. Kubernetes, compose and ./gan down each wait at least that long, with 10 s to
     * spare for the JVM to start and end the shutdown, before they kill it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void everyWayOfStoppingAServiceWaitsForItsGracefulShutdown(String service) {
        Properties properties = DeployFiles.applicationProperties(service);
        String handOver = properties.getProperty("ganflow.trainer.hand-over-seconds");
        String shutdown = properties.getProperty("quarkus.shutdown.timeout");
        assertTrue(handOver != null || shutdown != null, service + " sets no graceful shutdown time");
        int needed = 10 + (handOver != null ? Integer.parseInt(handOver) : Integer.parseInt(shutdown.replace("s", "")));

        for (String overlay : List.of("cpu", "gpu")) {
            PodSpec pod = RenderedOverlay.of(overlay)
                    .deployment(service)
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            assertTrue(
                    pod.getTerminationGracePeriodSeconds() >= needed,
                    "Kubernetes (" + overlay + ") waits at least " + needed + " s for " + service);
        }
        JsonNode compose = DeployFiles.compose().at("/services/" + service);
        assertTrue(
                Integer.parseInt(compose.get("stop_grace_period").asText().replace("s", "")) >= needed,
                "compose waits at least " + needed + " s for " + service);
        assertEquals("unless-stopped", compose.get("restart").asText(), "compose restarts " + service);
        Matcher gan = Pattern.compile("GRACE_SECONDS=(\\d+)").matcher(DeployFiles.text("infra/services.sh"));
        assertTrue(
                gan.find() && Integer.parseInt(gan.group(1)) >= needed, "./gan down waits at least " + needed + " s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void eachDeploymentRunsItsImageWithProbesOnThePortItsServiceTargets(String service) {
        Container container = kubernetes().container(service);
        assertEquals("ganflow/" + service + ":dev", container.getImage());
        int port = container.getPorts().get(0).getContainerPort();
        Service fronting = kubernetes().named(Service.class, service);
        assertEquals(port, fronting.getSpec().getPorts().get(0).getTargetPort().getIntVal());
        for (Probe probe :
                List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            assertEquals(port, probe.getHttpGet().getPort().getIntVal());
            assertTrue(
                    probe.getHttpGet().getPath().startsWith("/q/health/"),
                    probe.getHttpGet().getPath());
        }
        assertEquals(
                service,
                DeployFiles.compose()
                        .at("/services/" + service + "/build/args/SERVICE")
                        .asText(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void everyServiceRunsOnAReadOnlyFileSystemWritingOnlyToTmp(String service) {
        PodSpec pod = kubernetes().deployment(service).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem(), service);
        String djlCache = dockerfileEnvironment("DJL_CACHE_DIR");
        String tmpVolume = null;
        for (VolumeMount mount : container.getVolumeMounts()) {
            assertTrue(
                    !mount.getMountPath().equals(djlCache),
                    service + " hides the image's unpacked DJL libraries under " + mount.getMountPath());
            if (mount.getMountPath().equals("/tmp")) {
                tmpVolume = mount.getName();
            } else {
                assertTrue(Boolean.TRUE.equals(mount.getReadOnly()), service + " writes to " + mount.getMountPath());
            }
        }
        assertTrue(tmpVolume != null, service + " has no writable /tmp");
        String name = tmpVolume;
        assertTrue(
                pod.getVolumes().stream().anyMatch(v -> v.getName().equals(name) && v.getEmptyDir() != null),
                service + ": /tmp is not an emptyDir");

        JsonNode compose = DeployFiles.compose().at("/services/" + service);
        assertTrue(compose.at("/read_only").asBoolean(), service);
        assertTrue(compose.at("/tmpfs").toString().contains("\"/tmp\""), service);
    }

    @Test
    void imagesUnpackDjlsNativeLibrariesWhileTheyAreBuilt() throws IOException {
        for (String file : List.of("Dockerfile", "Dockerfile.gpu")) {
            String dockerfile = Files.readString(ROOT.resolve(file));
            Matcher unpack =
                    Pattern.compile("-cp '/app/lib/main/\\*' ([\\w.]+)").matcher(dockerfile);
            assertTrue(unpack.find(), file + " does not run a main class from the service's libraries");
            String mainClass = unpack.group(1);
            assertTrue(
                    Files.exists(ROOT.resolve("models/src/main/java/" + mainClass.replace('.', '/') + ".java")),
                    mainClass + " does not exist");
            assertTrue(
                    unpack.start() < dockerfile.indexOf("\nUSER "),
                    file + ": unpacking must run before the image drops to its user, who cannot write the cache");
            assertTrue(dockerfile.indexOf("DJL_CACHE_DIR=") < unpack.start(), file + ": unpacking must see the cache");
        }
    }

    /** A variable set by the Dockerfile's ENV. */
    private static String dockerfileEnvironment(String name) {
        Matcher value = Pattern.compile(name + "=(\\S+)").matcher(DeployFiles.text("Dockerfile"));
        assertTrue(value.find(), "the Dockerfile sets no " + name);
        return value.group(1);
    }

    @Test
    void theBrokerTakesTheLargestBatchMessage() {
        long largestMessage = Long.parseLong(DeployFiles.applicationProperties("dataset-service")
                .getProperty("mp.messaging.outgoing.batches.max.request.size"));
        Matcher compose =
                Pattern.compile("KAFKA_MESSAGE_MAX_BYTES\\D+(\\d+)").matcher(DeployFiles.text("docker-compose.yml"));
        assertTrue(compose.find() && Long.parseLong(compose.group(1)) >= largestMessage, "compose");
        String kubernetes = kubernetes()
                .named(io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "kafka")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .stream()
                .filter(e -> e.getName().equals("KAFKA_MESSAGE_MAX_BYTES"))
                .findFirst()
                .orElseThrow()
                .getValue();
        assertTrue(Long.parseLong(kubernetes) >= largestMessage, "Kubernetes");
    }

    @Test
    void composePublishesMinioOnThisHostOnlyAndTrainsOnAGpuInItsGpuProfile() {
        JsonNode services = DeployFiles.compose().at("/services");
        for (JsonNode port : services.at("/minio/ports")) {
            assertTrue(port.asText().startsWith("127.0.0.1:"), "MinIO's API published on all interfaces: " + port);
        }
        JsonNode gpu = services.at("/trainer-service-gpu");
        assertEquals("[\"gpu\"]", gpu.at("/profiles").toString(), "only with --profile gpu");
        assertEquals("Dockerfile.gpu", gpu.at("/build/dockerfile").asText());
        JsonNode device = gpu.at("/deploy/resources/reservations/devices/0");
        assertEquals("nvidia", device.at("/driver").asText());
        assertTrue(device.at("/capabilities").toString().contains("\"gpu\""));
        assertEquals(
                services.at("/trainer-service/environment"),
                gpu.at("/environment"),
                "the GPU trainer is configured as the CPU one");
    }

    @Test
    void composeServicesUseTheStoreAsTheirOwnUsersAndOnlyMinioHoldsItsRootPassword() {
        JsonNode services = DeployFiles.compose().at("/services");
        services.fieldNames().forEachRemaining(name -> {
            JsonNode environment = services.at("/" + name + "/environment");
            boolean root = environment.has("MINIO_ROOT_PASSWORD");
            assertEquals(name.equals("minio") || name.equals("minio-setup"), root, name + " holds the root password");
            if (environment.has("GAN_S3_ACCESS_KEY")) {
                String user = name.replace("-gpu", "");
                assertEquals(user, environment.get("GAN_S3_ACCESS_KEY").asText(), name);
                assertTrue(
                        environment
                                .get("GAN_S3_SECRET_KEY")
                                .asText()
                                .startsWith(
                                        "${GAN_S3_SECRET_" + user.toUpperCase().replace('-', '_') + ":?"),
                        name + " uses its own password");
                assertEquals(
                        "service_completed_successfully",
                        services.at("/" + name + "/depends_on/minio-setup/condition")
                                .asText(),
                        name + " starts once its user exists");
            }
        });
        assertEquals(
                "./k8s/base/minio:/setup:ro",
                services.at("/minio-setup/volumes/0").asText(),
                "the same policies");
    }

    @Test
    void everyJvmExitsOnOutOfMemoryInsteadOfLimpingOn() {
        for (String file : List.of("Dockerfile", "Dockerfile.gpu")) {
            Matcher options = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(DeployFiles.text(file));
            assertTrue(options.find() && options.group(1).contains("-XX:+ExitOnOutOfMemoryError"), file);
        }
        Matcher local = Pattern.compile("supervise.sh\" \"\\$name\" java ([^\n]*)")
                .matcher(DeployFiles.text("infra/services.sh"));
        assertTrue(local.find() && local.group(1).contains("-XX:+ExitOnOutOfMemoryError"), "./gan up's services");
    }

    @Test
    void localServicesListenOnThisHostOnlyAndKeysNeverGoOnACommandLine() throws IOException {
        assertTrue(DeployFiles.text("infra/services.sh").contains("-Dquarkus.http.host=127.0.0.1"));
        Pattern keyInAnArgument =
                Pattern.compile("X-API-Key: *\\$|-D[\\w.]*(keys?|secret)[\\w.-]*=", Pattern.CASE_INSENSITIVE);
        List<java.nio.file.Path> scripts = new java.util.ArrayList<>(List.of(ROOT.resolve("gan")));
        for (String folder : List.of("infra", "bench", ".ci")) {
            try (var files = Files.list(ROOT.resolve(folder))) {
                files.filter(f -> Files.isRegularFile(f) && !f.toString().matches(".*\\.(properties|yaml|xml)$"))
                        .forEach(scripts::add);
            }
        }
        for (java.nio.file.Path script : scripts) {
            List<String> lines = Files.readAllLines(script);
            for (int i = 0; i < lines.size(); i++) {
                assertFalse(
                        keyInAnArgument.matcher(lines.get(i)).find(),
                        ROOT.relativize(script) + ":" + (i + 1) + " puts a key on a command line: " + lines.get(i));
            }
        }
    }

    /** Quarkus reads property a.b-c from the environment variable A_B_C. */
    private static String asEnvironmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Set<String> composeVariables(String service) {
        JsonNode environment = DeployFiles.compose().at("/services/" + service + "/environment");
        Set<String> names = new HashSet<>();
        environment.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
