package io.ganflow.events;

import static io.ganflow.events.StudySpecTest.study;
import static io.ganflow.events.StudySpecTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A study's trials: the same study always plans the same trials, with the same run ids. */
class StudyPlanTest {

    @Test
    void aGridTriesEveryPointInOrderUpToItsBudget() {
        StudySpec grid =
                study("grid", null, Map.of("batchSize", values(32, 64), "learningRate", values(1e-4, 2e-4, 4e-4)), 6);
        List<StudyPlan.Trial> trials = StudyPlan.trials(grid);
        assertEquals(6, trials.size());
        // learning rate comes first in the settings' order, so it varies slowest
        assertEquals(
                Map.of("learningRate", 1e-4, "batchSize", 32), trials.get(0).settings());
        assertEquals(
                Map.of("learningRate", 1e-4, "batchSize", 64), trials.get(1).settings());
        assertEquals(
                Map.of("learningRate", 4e-4, "batchSize", 64), trials.get(5).settings());
        assertEquals("study-1-t5", trials.get(5).runId());
        assertEquals("study-1-t5", trials.get(5).spec().runId());
        assertEquals(4e-4, trials.get(5).spec().learningRate());
        assertEquals(64, trials.get(5).spec().batchSize());
        assertEquals(
                RunSpec.defaults("x").epochs(), trials.get(5).spec().epochs(), "what the space leaves is the base's");
        assertEquals(4, StudyPlan.trials(study("grid", null, grid.space(), 4)).size(), "the budget cuts the grid");
    }

    @Test
    void randomSearchDrawsTheSameTrialsFromTheSameSeedAndStaysInsideItsRanges() {
        Map<String, StudySpec.Dimension> space = Map.of(
                "learningRate", new StudySpec.Dimension(null, 1e-5, 1e-2, true),
                "latentSize", new StudySpec.Dimension(null, 16.0, 128.0, null),
                "beta1", values(0.0, 0.5, 0.9));
        List<StudyPlan.Trial> first = StudyPlan.trials(study("random", 7L, space, 20));
        assertEquals(first, StudyPlan.trials(study("random", 7L, space, 20)));
        assertNotEquals(first, StudyPlan.trials(study("random", 8L, space, 20)));
        for (StudyPlan.Trial trial : first) {
            assertTrue(trial.spec().learningRate() >= 1e-5 && trial.spec().learningRate() <= 1e-2, trial.toString());
            assertTrue(trial.spec().latentSize() >= 16 && trial.spec().latentSize() <= 128, trial.toString());
            assertTrue(List.of(0.0, 0.5, 0.9).contains(trial.spec().beta1()), trial.toString());
            assertEquals(List.of(), trial.spec().problems());
        }
        long belowOneInAThousand =
                first.stream().filter(t -> t.spec().learningRate() < 1e-3).count();
        assertTrue(belowOneInAThousand >= 8, "log-uniform: two of three decades lie below 1e-3, " + first);
    }

    @Test
    void aTrialWhoseModelDoesNotFitItsDataSetIsNamed() {
        StudySpec mixed = study("grid", null, Map.of("model", values("cgan-fashion-mnist", "dcgan-cifar10")), 2);
        List<String> problems = StudyPlan.trialProblems(mixed, Catalog::dataset, 10);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("trial 1 {model=dcgan-cifar10}: "), problems.get(0));
    }
}
