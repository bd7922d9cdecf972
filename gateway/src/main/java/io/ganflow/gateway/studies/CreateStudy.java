package io.ganflow.gateway.studies;

import io.ganflow.events.RunSpec;
import io.ganflow.events.StudySpec;
import io.ganflow.gateway.runs.StartRunRequest;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client asks for: a base run (as a start takes it), a space, a method, a budget, an objective, a rule. */
@Schema(
        description = "A study: many runs from one request",
        example =
                "{\"base\":{\"epochs\":2,\"datasetLimit\":2000},\"space\":{\"learningRate\":{\"values\":[1e-4,2e-4]},"
                        + "\"batchSize\":{\"values\":[32,64]}},\"method\":\"grid\",\"budget\":{\"maxTrials\":4,"
                        + "\"maxConcurrent\":2},\"objective\":{\"figure\":\"fcd\",\"at\":\"best\"},\"earlyStopping\":"
                        + "{\"rule\":\"successive-halving\",\"graceCheckpoints\":1,\"reductionFactor\":2},\"model\":\"clothes\"}")
public record CreateStudy(
        @Schema(description = "the study's id; trials are STUDYID-t0, -t1, ...; generated when absent")
        String studyId,

        @Schema(description = "the run every trial starts from, as POST /api/v1/runs takes it (without runId)")
        StartRunRequest base,

        @Schema(description = "setting -> {values: [...]} or {min, max, log} (random only)")
        Map<String, StudySpec.Dimension> space,

        @Schema(enumeration = {StudySpec.GRID, StudySpec.RANDOM})
        String method,

        @Schema(description = "random search's seed (required for random)")
        Long seed,

        StudySpec.Budget budget,
        StudySpec.Objective objective,
        StudySpec.EarlyStopping earlyStopping,

        @Schema(description = "a registered model the best trial's best checkpoint becomes a version of")
        String model) {

    /** The study this asks for, with {@code generatedId} when it names none. */
    StudySpec toSpec(String generatedId) {
        String id = studyId != null ? studyId : generatedId;
        StartRunRequest run = base != null
                ? base
                : new StartRunRequest(null, null, null, null, null, null, null, null, null, null, null, null, null);
        RunSpec baseSpec = run.toSpec(id);
        return new StudySpec(
                StudySpec.VERSION, id, baseSpec, space, method, seed, budget, objective, earlyStopping, model);
    }

    /** A base that names its own run id would make every trial's id the same. */
    boolean baseNamesARun() {
        return base != null && base.runId() != null;
    }
}
