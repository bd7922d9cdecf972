package io.ganflow.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One kustomize overlay of k8s/ as Kubernetes would get it: rendered by {@code kubectl kustomize} (kubectl from
 * {@code GAN_KUBECTL}, else the PATH) in a copy of k8s/ whose secrets are the examples', and read into the typed
 * Kubernetes model ({@link TypedManifests}).
 */
final class RenderedOverlay {

    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    final String name;
    final List<JsonNode> documents;
    final List<HasMetadata> objects;

    private RenderedOverlay(String name, String yaml) {
        this.name = name;
        this.documents = DeployFiles.documents(yaml);
        this.objects = documents.stream().map(TypedManifests::read).toList();
    }

    /** {@code k8s/overlays/<name>}, or {@code base} for the base alone. */
    static RenderedOverlay of(String name) {
        return RENDERED.computeIfAbsent(name, n -> new RenderedOverlay(n, render(n)));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(this.name + " has no " + kind.getSimpleName() + " " + name));
    }

    JsonNode document(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText())
                        && name.equals(d.at("/metadata/name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(this.name + " has no " + kind + " " + name));
    }

    Deployment deployment(String service) {
        return named(Deployment.class, service);
    }

    Container container(String service) {
        return deployment(service)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    /** The pod templates of every Deployment, StatefulSet and Job, by name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> pods = new java.util.TreeMap<>();
        all(Deployment.class)
                .forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(StatefulSet.class)
                .forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Job.class)
                .forEach(j -> pods.put(j.getMetadata().getName(), j.getSpec().getTemplate()));
        return pods;
    }

    /** The variables a container gets: whole ConfigMaps and Secrets (envFrom) and single ones (env). */
    Set<String> variablesOf(Container container) {
        Set<String> names = new HashSet<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                names.addAll(named(ConfigMap.class, from.getConfigMapRef().getName())
                        .getData()
                        .keySet());
            }
            if (from.getSecretRef() != null) {
                names.addAll(named(Secret.class, from.getSecretRef().getName())
                        .getData()
                        .keySet());
            }
        }
        container.getEnv().forEach(variable -> names.add(variable.getName()));
        return names;
    }

    /** The keys of the ConfigMap every service takes whole. */
    Set<String> sharedConfiguration() {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().startsWith("ganflow-config"))
                .findFirst()
                .orElseThrow()
                .getData()
                .keySet();
    }

    String configValue(String key) {
        return all(ConfigMap.class).stream()
                .filter(c -> c.getData() != null && c.getData().containsKey(key))
                .map(c -> c.getData().get(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " sets no " + key));
    }

    private static String render(String name) {
        try {
            Path copy = Files.createTempDirectory("k8s-");
            Path k8s = DeployFiles.ROOT.resolve("k8s");
            try (Stream<Path> files = Files.walk(k8s)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(k8s.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else if (!file.toString().endsWith(".env")) { // never an operator's real secrets
                        Files.copy(file, target);
                    }
                }
            }
            try (Stream<Path> examples = Files.list(copy.resolve("base/secrets"))) {
                for (Path example : examples.filter(f -> f.toString().endsWith(".env.example"))
                        .toList()) {
                    Files.copy(
                            example,
                            example.resolveSibling(
                                    example.getFileName().toString().replace(".example", "")));
                }
            }
            Path folder = name.equals("base") ? copy.resolve("base") : copy.resolve("overlays/" + name);
            String kubectl = System.getenv().getOrDefault("GAN_KUBECTL", "kubectl");
            Process process;
            try {
                process = new ProcessBuilder(kubectl, "kustomize", folder.toString())
                        .redirectError(ProcessBuilder.Redirect.PIPE)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("kubectl (with kustomize) is needed on the PATH, or in GAN_KUBECTL", e);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + name + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
