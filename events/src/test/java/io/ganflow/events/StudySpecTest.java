package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A study is checked whole before it is planned: every problem names its field. */
class StudySpecTest {

    static StudySpec study(String method, Long seed, Map<String, StudySpec.Dimension> space, int maxTrials) {
        return new StudySpec(
                StudySpec.VERSION,
                "study-1",
                RunSpec.defaults("study-1"),
                space,
                method,
                seed,
                new StudySpec.Budget(maxTrials, 2),
                new StudySpec.Objective("fcd", "best"),
                new StudySpec.EarlyStopping("successive-halving", 1, 2),
                null);
    }

    static StudySpec.Dimension values(Object... values) {
        return new StudySpec.Dimension(List.of(values), null, null, null);
    }

    @Test
    void aGridOfValuesWithinEachSettingsRangeIsAStudy() {
        StudySpec grid =
                study("grid", null, Map.of("learningRate", values(1e-4, 2e-4), "batchSize", values(32, 64)), 4);
        assertEquals(List.of(), grid.problems());
    }

    @Test
    void eachBadPartIsNamedWithWhatItWas() {
        Map<String, StudySpec.Dimension> space = new LinkedHashMap<>();
        space.put("learningRate", values(2e-4, 1.5));
        space.put("batchSize", values(64, "big"));
        space.put("temperature", values(1));
        space.put("beta1", new StudySpec.Dimension(null, 0.1, 0.9, null));
        StudySpec bad = new StudySpec(
                StudySpec.VERSION,
                "Study!",
                RunSpec.defaults("s"),
                space,
                "grid",
                7L,
                new StudySpec.Budget(1_000_000_000, 0),
                new StudySpec.Objective("beauty", "first"),
                new StudySpec.EarlyStopping("successive-halving", 0, 1),
                "../x");
        List<String> problems = bad.problems();
        for (String expected : List.of(
                "studyId must be",
                "seed is for random search",
                "space.learningRate.values[1] must be in (0, 1), was 1.5",
                "space.batchSize.values[1] must be a whole number, was big",
                "space.temperature is not a setting a study searches",
                "space.beta1 is a range: only random search draws from one",
                "budget.maxTrials must be between 1 and 1000, was 1000000000",
                "budget.maxConcurrent must be between 1 and 64, was 0",
                "objective.figure must be one of accuracy, fcd, precision, recall, was beauty",
                "objective.at must be last or best, was first",
                "earlyStopping.graceCheckpoints must be between 1 and 1000, was 0",
                "earlyStopping.reductionFactor must be between 2 and 10, was 1",
                "model must be")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), expected + " in " + problems);
        }
    }

    @Test
    void emptyOrEnormousSpacesAndRandomWithoutASeedAreRefused() {
        assertTrue(study("grid", null, Map.of(), 4).problems().get(0).startsWith("space must name 1 to"));
        assertTrue(study("grid", null, Map.of("seed", new StudySpec.Dimension(List.of(), null, null, null)), 4)
                .problems()
                .get(0)
                .startsWith("space.seed.values must hold 1 to 100 values"));
        Object[] hundred = IntStream.range(0, 100).boxed().toArray();
        Map<String, StudySpec.Dimension> enormous = Map.of(
                "seed",
                values(hundred),
                "epochs",
                values(IntStream.range(1, 101).boxed().toArray()),
                "latentSize",
                values(IntStream.range(1, 101).boxed().toArray()));
        assertEquals(
                List.of("space has 1000000 grid points, at most 100000"),
                study("grid", null, enormous, 4).problems());
        assertTrue(study("random", null, Map.of("seed", values(1, 2)), 4)
                .problems()
                .get(0)
                .startsWith("seed must be given"));
        assertTrue(study("annealing", null, Map.of("seed", values(1)), 4)
                .problems()
                .get(0)
                .startsWith("method must be"));
        assertTrue(study("random", 1L, Map.of("model", new StudySpec.Dimension(null, 1.0, 2.0, null)), 4)
                .problems()
                .contains("space.model takes names: give values"));
        assertTrue(study("random", 1L, Map.of("learningRate", new StudySpec.Dimension(null, 0.0, 0.1, true)), 4)
                .problems()
                .contains("space.learningRate.log needs min > 0, was 0.0"));
        assertEquals(
                List.of(),
                study("random", 1L, Map.of("learningRate", new StudySpec.Dimension(null, 1e-5, 1e-2, true)), 4)
                        .problems());
        assertEquals(
                List.of("space.seed.values must hold 1 to 100 values, held 101"),
                study(
                                "grid",
                                null,
                                Map.of(
                                        "seed",
                                        values(Collections.nCopies(101, 1).toArray())),
                                4)
                        .problems());
    }
}
