package io.ganflow.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganflow.events.AliasMove;
import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.DeadLetter;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.StudyState;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.SyntheticDatasetScore;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.testing.contracts.AsyncApiContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Kafka contract (contracts/v1/asyncapi.yaml) against the event records that are written to those topics: the
 * same fields, types and named values, and real messages that pass its schemas.
 */
class EventContractTest {

    static final AsyncApiContract CONTRACT = AsyncApiContract.read(AsyncApiContract.PUBLISHED);

    /** Each topic of the contract that carries events, and the record written to it. */
    static final Map<String, Class<? extends Record>> RECORDS = Map.of(
            SyntheticDatasetRequest.TOPIC, SyntheticDatasetRequest.class,
            SyntheticDatasetResult.TOPIC, SyntheticDatasetResult.class,
            SyntheticDatasetScore.TOPIC, SyntheticDatasetScore.class,
            RunStatus.TOPIC, RunStatus.class,
            TrainingMetrics.TOPIC, TrainingMetrics.class,
            CheckpointEvent.TOPIC, CheckpointEvent.class,
            CheckpointQuality.TOPIC, CheckpointQuality.class,
            AliasMove.TOPIC, AliasMove.class,
            StudyState.TOPIC, StudyState.class);

    static final String SAMPLER_DEAD_LETTERS = DeadLetter.topicFor("sampler-service");

    @Test
    void everyTopicOfTheContractIsCheckedAgainstItsRecord() {
        Set<String> expected = new TreeSet<>(RECORDS.keySet());
        expected.add(SAMPLER_DEAD_LETTERS);
        assertEquals(expected, new TreeSet<>(CONTRACT.topics()));
    }

    static List<String> eventTopics() {
        return RECORDS.keySet().stream().sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTopics")
    void eachMessageSchemaHasItsRecordsFieldsTypesAndValues(String topic) {
        List<String> problems = RecordSchemaCheck.problems(
                CONTRACT, RECORDS.get(topic), CONTRACT.message(topic).path("payload"));
        assertTrue(problems.isEmpty(), topic + ":\n" + String.join("\n", problems));
    }

    @Test
    void realMessagesPassTheSchemasOfTheirTopics() {
        RunSpec spec = RunSpec.defaults("cgan-contract");
        SyntheticDatasetRequest request = new SyntheticDatasetRequest(
                1, "syn-contract", "cgan-contract", null, List.of(3, 0, 2), "png-zip", 7, true);
        CheckpointQuality quality = new CheckpointQuality(
                1,
                "cgan-contract",
                400,
                1,
                "fashion-mnist",
                "classifier-1",
                900,
                1000,
                10000,
                12.5,
                3.1,
                0.82,
                List.of(0.9, 0.7),
                1L,
                List.of(List.of(9, 1), List.of(3, 7)),
                0.6,
                0.5);
        SyntheticDatasetResult done =
                SyntheticDatasetResult.done(request, 400, "ganflow", 1234, "ab".repeat(32), quality);
        Map<String, List<Record>> messages = Map.of(
                SyntheticDatasetRequest.TOPIC,
                List.of(request, new SyntheticDatasetRequest(1, "syn-2", "r", 5L, List.of(1), "idx", 0)),
                SyntheticDatasetResult.TOPIC,
                List.of(
                        SyntheticDatasetResult.running(request, 400, 2),
                        done,
                        SyntheticDatasetResult.failed(request, "no checkpoint")),
                SyntheticDatasetScore.TOPIC,
                List.of(
                        SyntheticDatasetScore.scoring(done, "fashion-mnist", 5),
                        SyntheticDatasetScore.failed(done, "deleted")),
                RunStatus.TOPIC,
                List.of(RunStatus.pending(spec), RunStatus.failed("cgan-contract", "no such data set")),
                TrainingMetrics.TOPIC,
                List.of(new TrainingMetrics(1, "cgan-contract", 0, 10, 1.2, 0.8, 0.6, 0.3, 950.0, 2L)),
                CheckpointEvent.TOPIC,
                List.of(new CheckpointEvent(
                        1, "cgan-contract", 400, 1, "ganflow", CheckpointManifest.key("cgan-contract", 400), 3L)),
                CheckpointQuality.TOPIC,
                List.of(
                        quality,
                        new CheckpointQuality(
                                1,
                                "dcgan-1",
                                10,
                                0,
                                "cifar10",
                                "classifier-2",
                                50,
                                500,
                                1000,
                                80.0,
                                2.0,
                                null,
                                List.of(),
                                4L,
                                List.of())),
                AliasMove.TOPIC,
                List.of(
                        new AliasMove(1, "clothes", "production", 1, null, 1, "policy", "accuracy 0.91 >= 0.85", 5L),
                        new AliasMove(1, "clothes", "production", 2, 1, 2, "operator key-0123456789ab", "", 6L)),
                StudyState.TOPIC,
                List.of(new StudyState(
                        1,
                        "study-1",
                        StudyState.State.COMPLETED,
                        "fcd",
                        "best",
                        List.of(
                                new StudyState.Trial(
                                        0, "study-1-t0", Map.of("seed", 1), "COMPLETED", 2, 12.5, null, null),
                                new StudyState.Trial(
                                        1, "study-1-t1", Map.of("seed", 2), "STOPPED", 1, 40.0, 1, "median: ...")),
                        0,
                        20L,
                        12.5,
                        null,
                        "best: trial 0 {seed=1}",
                        7L)));
        assertEquals(RECORDS.keySet(), messages.keySet());
        messages.forEach((topic, records) -> records.forEach(record -> {
            List<String> problems = CONTRACT.valueProblems(topic, Json.write(record));
            assertTrue(problems.isEmpty(), topic + " " + record + ":\n" + String.join("\n", problems));
        }));
    }

    @Test
    void theSchemasRefuseWhatTheServicesWouldNotTake() {
        String valid = Json.write(
                new SyntheticDatasetRequest(1, "syn-3", "cgan-contract", null, List.of(1, 1), "png-zip", 0, null));
        assertTrue(CONTRACT.valueProblems(SyntheticDatasetRequest.TOPIC, valid).isEmpty());
        assertFalse(CONTRACT.valueProblems(SyntheticDatasetRequest.TOPIC, valid.replace("png-zip", "tiff"))
                .isEmpty());
        assertFalse(
                CONTRACT.valueProblems(SyntheticDatasetRequest.TOPIC, valid.replace("\"version\":1", "\"version\":2"))
                        .isEmpty());
        assertFalse(CONTRACT.valueProblems(SyntheticDatasetRequest.TOPIC, "{\"requestId\":\"syn-4\"}")
                .isEmpty());
        assertTrue(CONTRACT.keyProblems(SyntheticDatasetRequest.TOPIC, "syn-3").isEmpty());
        assertFalse(
                CONTRACT.keyProblems(SyntheticDatasetRequest.TOPIC, "Syn 3!").isEmpty());
    }

    @Test
    void referencesThatGoRoundInACircleAreRefusedNotFollowedForever() {
        AsyncApiContract circular = AsyncApiContract.of("a: {$ref: '#/b'}\nb: {$ref: '#/a'}\n");
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> circular.resolve(circular.document().get("a")));
        assertTrue(refused.getMessage().contains("circle"), refused.getMessage());
    }

    @Test
    void aFieldGoneFromARecordATypeChangedAndANewStateAreCaught() {
        ObjectNode schema = CONTRACT.resolve(CONTRACT.message(RunStatus.TOPIC).path("payload"))
                .deepCopy();
        ((ObjectNode) schema.path("properties")).putObject("priority").put("type", "integer");
        ((ObjectNode) schema.path("properties").path("epoch")).put("type", "string");
        ((ObjectNode) schema.path("properties").path("state"))
                .putArray("enum")
                .add("PENDING")
                .add("RUNNING");
        ((ObjectNode) schema.path("properties")).remove("message");
        List<String> problems = RecordSchemaCheck.problems(CONTRACT, RunStatus.class, schema);
        String all = String.join("\n", problems);
        assertTrue(all.contains("RunStatus.priority: promised by the contract, gone from the record"), all);
        assertTrue(all.contains("RunStatus.epoch: integer in the record, [string] in the contract"), all);
        assertTrue(all.contains("RunStatus.state: values [COMPLETED, FAILED, PENDING, RUNNING, STOPPED]"), all);
        assertTrue(all.contains("RunStatus.message: written by the record, missing from the contract"), all);
    }
}
