package io.ganflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The docker-compose file and the Kubernetes manifests against the services as they are: every service deployed,
 * every setting a service needs given, every variable given one a service reads, probes and ports that exist.
 */
class DeployManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** ${NAME} and ${NAME:default} in application.properties; with no default the service cannot start without it. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[^}]*)?}");

    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void everyServiceIsDeployedWithWhatItNeedsAndNothingItDoesNotRead(String service) throws IOException {
        Properties properties = applicationProperties(service);
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
        Set<String> kubernetes = kubernetesVariables(service);
        for (Set<String> given : List.of(compose, kubernetes)) {
            assertTrue(given.containsAll(required), service + " needs " + required + ", given " + given);
        }
        for (String variable : compose) {
            assertTrue(
                    readable.contains(variable),
                    "docker-compose gives " + service + " " + variable + ", which it does not read");
        }
        for (String variable : kubernetes) {
            boolean sharedByAll = configMapAndSecretKeys().contains(variable);
            assertTrue(sharedByAll || readable.contains(variable), "Kubernetes gives " + service + " " + variable);
        }
    }

    /**
     * A stopping service needs its graceful shutdown: the trainer's hand-over (checkpoint every run, leave the group),
     * the others' requests in flight. Kubernetes, compose and ./gan down each wait at least that long, with 10 s to
     * spare for the JVM to start and end the shutdown, before they kill it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void everyWayOfStoppingAServiceWaitsForItsGracefulShutdown(String service) throws IOException {
        Properties properties = applicationProperties(service);
        String handOver = properties.getProperty("ganflow.trainer.hand-over-seconds");
        String shutdown = properties.getProperty("quarkus.shutdown.timeout");
        assertTrue(handOver != null || shutdown != null, service + " sets no graceful shutdown time");
        int needed = 10 + (handOver != null ? Integer.parseInt(handOver) : Integer.parseInt(shutdown.replace("s", "")));

        JsonNode pod = ofKind(documents(ROOT.resolve("deploy/kubernetes/" + service + ".yaml")), "Deployment")
                .at("/spec/template/spec");
        assertTrue(
                pod.get("terminationGracePeriodSeconds").asInt() >= needed,
                "Kubernetes waits at least " + needed + " s for " + service);
        JsonNode compose = YAML.readTree(
                        ROOT.resolve("deploy/docker-compose.yml").toFile())
                .at("/services/" + service);
        assertTrue(
                Integer.parseInt(compose.get("stop_grace_period").asText().replace("s", "")) >= needed,
                "compose waits at least " + needed + " s for " + service);
        assertEquals("unless-stopped", compose.get("restart").asText(), "compose restarts " + service);
        Matcher gan =
                Pattern.compile("GRACE_SECONDS=(\\d+)").matcher(Files.readString(ROOT.resolve("infra/services.sh")));
        assertTrue(
                gan.find() && Integer.parseInt(gan.group(1)) >= needed, "./gan down waits at least " + needed + " s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void eachDeploymentRunsItsImageWithProbesOnThePortItsServiceTargets(String service) throws IOException {
        List<JsonNode> documents = documents(ROOT.resolve("deploy/kubernetes/" + service + ".yaml"));
        JsonNode deployment = ofKind(documents, "Deployment");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals("ganflow/" + service + ":dev", container.get("image").asText());
        int port = container.at("/ports/0/containerPort").asInt();
        assertEquals(
                port,
                ofKind(documents, "Service").at("/spec/ports/0/targetPort").asInt());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals(port, container.at("/" + probe + "/httpGet/port").asInt(), probe);
            assertTrue(container.at("/" + probe + "/httpGet/path").asText().startsWith("/q/health/"), probe);
        }
        assertTrue(Files.readString(ROOT.resolve("deploy/kubernetes/kustomization.yaml"))
                .contains("- " + service + ".yaml"));
        assertEquals(
                service,
                YAML.readTree(ROOT.resolve("deploy/docker-compose.yml").toFile())
                        .at("/services/" + service + "/build/args/SERVICE")
                        .asText(service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void everyServiceRunsOnAReadOnlyFileSystemWritingOnlyToTmp(String service) throws IOException {
        JsonNode pod = ofKind(documents(ROOT.resolve("deploy/kubernetes/" + service + ".yaml")), "Deployment")
                .at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), service);
        assertTrue(container.at("/securityContext/runAsNonRoot").asBoolean(), service);
        String djlCache = dockerfileEnvironment("DJL_CACHE_DIR");
        String tmpVolume = null;
        for (JsonNode mount : container.at("/volumeMounts")) {
            String path = mount.get("mountPath").asText();
            assertTrue(!path.equals(djlCache), service + " hides the image's unpacked DJL libraries under " + path);
            if (path.equals("/tmp")) {
                tmpVolume = mount.get("name").asText();
            } else {
                assertTrue(mount.path("readOnly").asBoolean(), service + " writes to " + path);
            }
        }
        assertTrue(tmpVolume != null, service + " has no writable /tmp");
        String name = tmpVolume;
        assertTrue(
                java.util.stream.StreamSupport.stream(pod.at("/volumes").spliterator(), false)
                        .anyMatch(volume -> volume.get("name").asText().equals(name) && volume.has("emptyDir")),
                service + ": /tmp is not an emptyDir");

        JsonNode compose = YAML.readTree(
                        ROOT.resolve("deploy/docker-compose.yml").toFile())
                .at("/services/" + service);
        assertTrue(compose.at("/read_only").asBoolean(), service);
        assertTrue(compose.at("/tmpfs").toString().contains("\"/tmp\""), service);
    }

    @Test
    void imagesUnpackDjlsNativeLibrariesWhileTheyAreBuilt() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        Matcher unpack = Pattern.compile("-cp '/app/lib/main/\\*' ([\\w.]+)").matcher(dockerfile);
        assertTrue(unpack.find(), "the Dockerfile does not run a main class from the service's libraries");
        String mainClass = unpack.group(1);
        assertTrue(
                Files.exists(ROOT.resolve("models/src/main/java/" + mainClass.replace('.', '/') + ".java")),
                mainClass + " does not exist");
        assertTrue(
                unpack.start() < dockerfile.indexOf("\nUSER "),
                "unpacking must run before the image drops to its user, who cannot write the cache folder");
        assertTrue(dockerfile.indexOf("DJL_CACHE_DIR=") < unpack.start(), "unpacking must see DJL_CACHE_DIR");
    }

    /** A variable set by the Dockerfile's ENV. */
    private static String dockerfileEnvironment(String name) throws IOException {
        Matcher value = Pattern.compile(name + "=(\\S+)").matcher(Files.readString(ROOT.resolve("deploy/Dockerfile")));
        assertTrue(value.find(), "the Dockerfile sets no " + name);
        return value.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/docker-compose.yml", "deploy/kubernetes/kafka.yaml"})
    void theBrokerTakesTheLargestBatchMessage(String file) throws IOException {
        Properties dataset = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve("dataset-service/src/main/resources/application.properties"))) {
            dataset.load(in);
        }
        long largestMessage = Long.parseLong(dataset.getProperty("mp.messaging.outgoing.batches.max.request.size"));
        Matcher limit =
                Pattern.compile("KAFKA_MESSAGE_MAX_BYTES\\D+(\\d+)").matcher(Files.readString(ROOT.resolve(file)));
        assertTrue(limit.find(), file);
        assertTrue(Long.parseLong(limit.group(1)) >= largestMessage, file);
    }

    /** Quarkus reads property a.b-c from the environment variable A_B_C. */
    private static String asEnvironmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Set<String> composeVariables(String service) throws IOException {
        JsonNode environment = YAML.readTree(
                        ROOT.resolve("deploy/docker-compose.yml").toFile())
                .at("/services/" + service + "/environment");
        Set<String> names = new HashSet<>();
        environment.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> kubernetesVariables(String service) throws IOException {
        JsonNode container = ofKind(documents(ROOT.resolve("deploy/kubernetes/" + service + ".yaml")), "Deployment")
                .at("/spec/template/spec/containers/0");
        Set<String> names = new HashSet<>();
        if (container.at("/envFrom").size() > 0) {
            names.addAll(configMapAndSecretKeys());
        }
        container.at("/env").forEach(variable -> names.add(variable.get("name").asText()));
        return names;
    }

    private static Set<String> configMapAndSecretKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        JsonNode kustomization = YAML.readTree(
                ROOT.resolve("deploy/kubernetes/kustomization.yaml").toFile());
        kustomization
                .at("/configMapGenerator/0/literals")
                .forEach(l -> keys.add(l.asText().split("=")[0]));
        for (String line : Files.readAllLines(ROOT.resolve("deploy/kubernetes/secrets.env.example"))) {
            if (line.contains("=")) {
                keys.add(line.split("=")[0]);
            }
        }
        return keys;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static JsonNode ofKind(List<JsonNode> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .findFirst()
                .orElse(MissingNode.getInstance());
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
