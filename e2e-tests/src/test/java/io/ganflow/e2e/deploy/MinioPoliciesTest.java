package io.ganflow.e2e.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.SyntheticDatasetScore;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.QualityStore;
import io.ganflow.store.RunSpecStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's MinIO policy (k8s/base/minio/SERVICE.json, used by Kubernetes and compose alike) lets it write
 * exactly the objects its code writes, and nothing any other service writes. What a service writes is found in its
 * sources: every write call on a store, looked up in {@link #WRITES}; a write call not in that table fails the test,
 * so a new one cannot ship without its policy.
 */
class MinioPoliciesTest {

    private static final String RUN = "r";
    private static final String RUN_FOLDER = CheckpointStore.runPrefix(RUN);

    /** A write call as written in the services' sources, and the writes (METHOD key) it makes. */
    private static final Map<String, List<String>> WRITES = Map.ofEntries(
            Map.entry(
                    "checkpoints.write(",
                    List.of(
                            "PUT " + CheckpointManifest.key(RUN, 1),
                            "PUT " + CheckpointManifest.key(RUN, 1).replace("manifest.json", "generator.params"))),
            Map.entry("checkpoints.delete(", List.of("DELETE " + CheckpointManifest.key(RUN, 1))),
            Map.entry("checkpoints.pin(", List.of("PUT " + RUN_FOLDER + "pins/5/1-holder")),
            Map.entry("checkpoints.unpin(", List.of("DELETE " + RUN_FOLDER + "pins/5/1-holder")),
            Map.entry("checkpoints.hold(", List.of("PUT " + RUN_FOLDER + "holds/5/s-study")),
            Map.entry("checkpoints.release(", List.of("DELETE " + RUN_FOLDER + "holds/5/s-study")),
            Map.entry("checkpoints.holdForGood(", List.of("PUT " + RUN_FOLDER + "holds/5/model-v1")),
            Map.entry("checkpoints.releaseForGood(", List.of("DELETE " + RUN_FOLDER + "holds/5/model-v1")),
            Map.entry(
                    "registry.save(",
                    List.of(
                            "PUT models/m/model.json",
                            "PUT models/m/versions/000001.json",
                            "PUT models/m/aliases/production/0000000001.json")),
            Map.entry("studies.save(", List.of("PUT studies/s/spec.json", "PUT studies/s/state.json")),
            Map.entry("specs.save(", List.of("PUT " + RunSpecStore.key(RUN))),
            Map.entry("specs.forget(", List.of("DELETE " + RunSpecStore.key(RUN))),
            Map.entry("specs.markStopped(", List.of("PUT " + RUN_FOLDER + "stopped.json")),
            Map.entry("specs.markFailed(", List.of("PUT " + RUN_FOLDER + "failed.json")),
            Map.entry("quality.save(", List.of("PUT " + QualityStore.qualityKey(RUN, 1))),
            Map.entry("quality.choose(", List.of("PUT " + QualityStore.choiceKey("fashion-mnist"))),
            Map.entry(
                    "datasets.save(",
                    List.of("PUT datasets/d/manifest.json", "PUT datasets/d/pixels.bin", "PUT datasets/d/labels.bin")),
            Map.entry("datasets.saveArchive(", List.of("PUT " + DatasetStore.archiveKey("d"))),
            Map.entry(
                    "datasets.removeUpload(",
                    List.of(
                            "DELETE " + DatasetStore.archiveKey("d"),
                            "DELETE datasets/d/pixels.bin",
                            "DELETE datasets/d/labels.bin")),
            Map.entry("store.put(SyntheticDatasetScore.key(", List.of("PUT " + SyntheticDatasetScore.key("q"))),
            Map.entry(
                    "store.put(key, String.valueOf(attempts",
                    List.of("PUT " + SyntheticDatasetScore.key("q").replace("score.json", "score-attempts"))),
            Map.entry(
                    "store.delete(SyntheticDatasetResult.objectKey(",
                    List.of("DELETE " + SyntheticDatasetResult.objectKey("q"))),
            Map.entry(
                    "store.put(SyntheticDatasetResult.cancelKey(",
                    List.of("PUT " + SyntheticDatasetResult.cancelKey("q"))),
            Map.entry(
                    "store.putFile(SyntheticDatasetResult.objectKey(",
                    List.of("PUT " + SyntheticDatasetResult.objectKey("q"))));

    private static final Pattern WRITE_CALL =
            Pattern.compile("\\b(checkpoints|specs|quality|datasets|store|registry|studies)\\."
                    + "(write|delete|pin|unpin|hold|release|holdForGood|releaseForGood|save|forget|markStopped"
                    + "|markFailed|choose|saveArchive|removeUpload|put|putFile|putStream)\\(");

    @ParameterizedTest
    @ValueSource(strings = {"dataset-service", "trainer-service", "sampler-service", "evaluator-service", "gateway"})
    void eachServiceMayWriteWhatItsCodeWritesAndNothingElse(String service) throws IOException {
        JsonNode policy = DeployFiles.YAML.readTree(
                DeployFiles.ROOT.resolve("k8s/base/minio/" + service + ".json").toFile());
        String bucket = RenderedOverlay.of("cpu").configValue("GAN_S3_BUCKET");
        Set<String> needed = writesIn(service);
        assertFalse(needed.isEmpty(), service + " writes nothing?");
        for (String write : needed) {
            assertTrue(allows(policy, bucket, write), service + " may not " + write);
        }
        Set<String> others = new TreeSet<>();
        WRITES.values().forEach(others::addAll);
        others.removeAll(needed);
        for (String write : others) {
            assertFalse(allows(policy, bucket, write), service + " may " + write + ", which its code never does");
        }
        assertTrue(allows(policy, bucket, "GET runs/r/spec.json"), service + " reads every object");
        for (JsonNode statement : policy.get("Statement")) {
            assertEquals("Allow", statement.get("Effect").asText());
            for (JsonNode action : statement.get("Action")) {
                assertTrue(action.asText().startsWith("s3:") && !action.asText().contains("*"), action.asText());
                assertFalse(
                        action.asText().contains("Bucket")
                                && !action.asText().equals("s3:ListBucket")
                                && !action.asText().equals("s3:GetBucketLocation"),
                        action.asText());
            }
            for (JsonNode resource : statement.get("Resource")) {
                assertTrue(
                        resource.asText().equals("arn:aws:s3:::" + bucket)
                                || resource.asText().startsWith("arn:aws:s3:::" + bucket + "/"),
                        "outside the bucket " + bucket + ": " + resource.asText());
            }
        }
    }

    /** The writes the service's main sources make, by the table; a write call missing from it fails. */
    private static Set<String> writesIn(String service) throws IOException {
        Set<String> writes = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DeployFiles.ROOT.resolve(service + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher call = WRITE_CALL.matcher(source);
                while (call.find()) {
                    String from = source.substring(call.start(), Math.min(source.length(), call.start() + 80));
                    List<String> made = WRITES.entrySet().stream()
                            .filter(e -> from.startsWith(e.getKey()))
                            .flatMap(e -> e.getValue().stream())
                            .toList();
                    if (made.isEmpty()) {
                        unknown.add(file.getFileName() + ": "
                                + from.lines().findFirst().orElse(from));
                    }
                    writes.addAll(made);
                }
            }
        }
        assertTrue(unknown.isEmpty(), "write calls the policies do not know yet (add them to WRITES): " + unknown);
        return writes;
    }

    /** Whether an Allow statement grants {@code write} ("METHOD key"), by S3's rules ({@code *} matches anything). */
    private static boolean allows(JsonNode policy, String bucket, String write) {
        String[] parts = write.split(" ", 2);
        String action = switch (parts[0]) {
            case "PUT" -> "s3:PutObject";
            case "DELETE" -> "s3:DeleteObject";
            case "GET" -> "s3:GetObject";
            default -> throw new IllegalArgumentException(write);
        };
        String resource = "arn:aws:s3:::" + bucket + "/" + parts[1];
        for (JsonNode statement : policy.get("Statement")) {
            boolean acts = false;
            for (JsonNode a : statement.get("Action")) {
                acts |= a.asText().equals(action);
            }
            if (!acts) {
                continue;
            }
            for (JsonNode r : statement.get("Resource")) {
                String glob = Pattern.quote(r.asText()).replace("*", "\\E.*\\Q");
                if (resource.matches(glob)) {
                    return true;
                }
            }
        }
        return false;
    }
}
