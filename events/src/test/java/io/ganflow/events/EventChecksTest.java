package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.kafka.RunStatusDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Events check themselves when they are built, by a producer or by a consumer's deserializer. */
class EventChecksTest {

    private final RunSpec spec = RunSpec.defaults("run-1");

    @Test
    void idsThatCouldLeaveTheirFolderOrNeedEscapingAreRefused() {
        for (String bad :
                new String[] {null, "", "..", "../x", "a/b", "A", "-a", "a b", "a%2Fb", "é", "a".repeat(64), "a\u0000"
                }) {
            assertFalse(Ids.isValid(bad), bad);
        }
        for (String good : new String[] {"a", "0", "cgan-1a2b3c4d", "a".repeat(63)}) {
            assertTrue(Ids.isValid(good), good);
        }
    }

    @Test
    void anEventWithoutItsRunOrOfAnUnknownVersionCannotBeRead() {
        MalformedEventException missing =
                assertThrows(MalformedEventException.class, () -> Json.read("{\"version\":1}", RunStatus.class));
        assertTrue(missing.getMessage().contains("runId must be"), missing.getMessage());
        String newer = Json.write(RunStatus.pending(spec)).replace("\"version\":1", "\"version\":2");
        MalformedEventException unknown =
                assertThrows(MalformedEventException.class, () -> Json.read(newer, RunStatus.class));
        assertTrue(unknown.getMessage().contains("RunStatus version 2 is not supported"), unknown.getMessage());
        assertThrows(
                MalformedEventException.class,
                () -> Json.read(Json.write(RunStatus.pending(spec)).replace("PENDING", "DANCING"), RunStatus.class));
    }

    @Test
    void aCheckpointEventMayOnlyPointAtItsOwnCheckpoint() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new CheckpointEvent(1, "run-1", 10, 0, "bucket", "datasets/x/manifest.json", 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new CheckpointEvent(1, "run-1", 10, 0, "bucket", CheckpointManifest.key("run-2", 10), 0));
        assertEquals(
                "runs/run-1/checkpoints/000000000010/manifest.json",
                new CheckpointEvent(1, "run-1", 10, 0, "bucket", CheckpointManifest.key("run-1", 10), 0).manifestKey());
    }

    @Test
    void aStartCommandCarriesTheSpecOfItsOwnRun() {
        assertThrows(IllegalArgumentException.class, () -> new RunCommand(1, RunCommand.Type.START, "run-2", spec));
        assertThrows(IllegalArgumentException.class, () -> new RunCommand(1, RunCommand.Type.START, "run-1", null));
        assertEquals("run-1", RunCommand.stop("run-1").runId());
    }

    @Test
    void countsAddUpInALongAndAreBounded() {
        SyntheticDatasetRequest overflowing = new SyntheticDatasetRequest(
                1, "req-1", "run-1", null, List.of(Integer.MAX_VALUE, Integer.MAX_VALUE, 2), "png-zip", 0);
        assertEquals(2L * Integer.MAX_VALUE + 2, overflowing.total());
        assertTrue(
                overflowing.problems().stream().anyMatch(p -> p.contains("1 to 60000")), "" + overflowing.problems());
        assertThrows(
                IllegalArgumentException.class,
                () -> new SyntheticDatasetRequest(1, "../x", "run-1", null, List.of(1), "png-zip", 0));
    }

    @Test
    void aRequestNamesARunOrAModelAndARequestByModelIsResolvedToOneVersion() {
        String byModel =
                "{\"version\":1,\"requestId\":\"req-1\",\"model\":\"clothes\",\"counts\":[1]," + "\"format\":\"idx\"}";
        SyntheticDatasetRequest asked = Json.read(byModel, SyntheticDatasetRequest.class);
        assertTrue(asked.problems().isEmpty(), "" + asked.problems());
        assertTrue(asked.namesModel());
        assertEquals(AliasMove.PRODUCTION, asked.aliasOrProduction());

        ModelVersion three =
                new ModelVersion(1, "clothes", 3, "run-b", 400, 2, null, spec, "built-in", null, "test", 0, null);
        SyntheticDatasetRequest resolved = asked.resolvedTo(three);
        assertEquals("run-b", resolved.runId());
        assertEquals(400L, resolved.step());
        assertEquals(3, resolved.modelVersion());
        assertFalse(resolved.namesModel());
        assertTrue(resolved.problems().isEmpty(), "" + resolved.problems());
        SyntheticDatasetResult failed = SyntheticDatasetResult.failed(resolved, "store away");
        assertEquals("clothes", failed.model());
        assertEquals("production", failed.alias());
        assertEquals(3, failed.modelVersion());

        SyntheticDatasetRequest neither =
                Json.read(byModel.replace("\"model\":\"clothes\",", ""), SyntheticDatasetRequest.class);
        assertTrue(
                neither.problems().get(0).contains("or model must name a registered model"), "" + neither.problems());
        SyntheticDatasetRequest stepWithModel =
                Json.read(byModel.replace("\"counts\"", "\"step\":5,\"counts\""), SyntheticDatasetRequest.class);
        assertTrue(
                stepWithModel.problems().get(0).startsWith("step must be absent with model"),
                "" + stepWithModel.problems());
        SyntheticDatasetRequest badAlias = Json.read(
                byModel.replace("\"counts\"", "\"alias\":\"Prod/../x\",\"counts\""), SyntheticDatasetRequest.class);
        assertTrue(badAlias.problems().get(0).startsWith("alias must be"), "" + badAlias.problems());
    }

    @Test
    void aScoreIsAskedForOnlyByTrueAndTheResultCarriesTheAsking() {
        String withoutScore =
                "{\"version\":1,\"requestId\":\"req-1\",\"runId\":\"run-1\",\"counts\":[1],\"format\":\"idx\"}";
        SyntheticDatasetRequest older =
                Json.read(withoutScore.getBytes(StandardCharsets.UTF_8), SyntheticDatasetRequest.class);
        assertFalse(older.scoreWanted());
        assertFalse(SyntheticDatasetResult.done(older, 5, "b", 1, "x", null).scoreRequested());
        SyntheticDatasetRequest asking = Json.read(
                withoutScore.replace("}", ",\"score\":true}").getBytes(StandardCharsets.UTF_8),
                SyntheticDatasetRequest.class);
        assertTrue(asking.scoreWanted());
        assertTrue(SyntheticDatasetResult.done(asking, 5, "b", 1, "x", null).scoreRequested());
        assertThrows(
                IllegalArgumentException.class,
                () -> new SyntheticDatasetScore(
                        1,
                        "req-1",
                        SyntheticDatasetScore.State.DONE,
                        "run-1",
                        5,
                        "d",
                        1,
                        1,
                        1,
                        1.5,
                        null,
                        0.9,
                        null,
                        "",
                        0));
    }

    @Test
    void aBatchFitsOnlyARunOfItsShapeSizeAndClasses() {
        ImageBatch fits = batch("run-1", 1, 28, 128, 9);
        assertEquals(Optional.empty(), fits.misfit(spec));
        assertTrue(batch("run-1", 3, 32, 128, 9).misfit(spec).orElseThrow().contains("32x32x3"));
        assertTrue(batch("run-1", 1, 28, 64, 9).misfit(spec).orElseThrow().contains("batch size 128"));
        assertTrue(batch("run-1", 1, 28, 128, 10).misfit(spec).orElseThrow().contains("label 10"));
        assertTrue(batch("run-2", 1, 28, 128, 9).misfit(spec).orElseThrow().contains("delivered to run run-1"));
    }

    @Test
    void aClassifierBatchMayHoldOnlyLabelsOfItsOutputs() {
        RunSpec classifier = new RunSpec(
                "run-1", "classifier-fashion-mnist", "fashion-mnist", 1, 128, 1e-3, 0.9, 0.999, 100, 200, 50, 11L, 0);
        assertEquals(Optional.empty(), batch("run-1", 1, 28, 128, 9).misfit(classifier));
        assertTrue(batch("run-1", 1, 28, 128, 10)
                .misfit(classifier)
                .orElseThrow()
                .contains("label 10 outside the 10 classes of classifier classifier-fashion-mnist"));
    }

    @Test
    void theDeserializerRefusesOversizedAndEmptyRecords() {
        RunStatusDeserializer deserializer = new RunStatusDeserializer();
        byte[] status = Json.writeBytes(RunStatus.pending(spec));
        assertEquals("run-1", deserializer.deserialize("run-status", status).runId());
        assertThrows(MalformedEventException.class, () -> deserializer.deserialize("run-status", null));
        assertThrows(MalformedEventException.class, () -> deserializer.deserialize("run-status", new byte[0]));
        byte[] huge = new byte[70_000];
        java.util.Arrays.fill(huge, (byte) ' ');
        System.arraycopy(status, 0, huge, 0, status.length);
        MalformedEventException oversized =
                assertThrows(MalformedEventException.class, () -> deserializer.deserialize("run-status", huge));
        assertTrue(oversized.getMessage().contains("at most 65536 bytes"), oversized.getMessage());
    }

    /** {@code count} images, the last one labelled {@code lastLabel}. */
    private static ImageBatch batch(String runId, int channels, int side, int count, int lastLabel) {
        int[] labels = new int[count];
        labels[count - 1] = lastLabel;
        return new ImageBatch(runId, 0, 0, 1, channels, side, side, labels, new byte[count * channels * side * side]);
    }
}
