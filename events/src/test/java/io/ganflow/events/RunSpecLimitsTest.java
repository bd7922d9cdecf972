package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The run spec's limits are one rule: what the start form is told and what a start is refused with. */
class RunSpecLimitsTest {

    @Test
    void eachLimitSaysItsRangeInWords() {
        assertEquals(Optional.of("epochs must be between 1 and 10000, was 0"), RunSpecLimits.EPOCHS.problem(0));
        assertEquals(Optional.of("learningRate must be in (0, 1), was 1.5"), RunSpecLimits.LEARNING_RATE.problem(1.5));
        assertEquals(Optional.of("beta2 must be in [0, 1), was 1.0"), RunSpecLimits.BETA2.problem(1.0));
        assertEquals(Optional.of("datasetLimit must be at least 0, was -1"), RunSpecLimits.DATASET_LIMIT.problem(-1));
        assertEquals(Optional.empty(), RunSpecLimits.BATCH_SIZE.problem(RunSpec.MAX_BATCH_SIZE));
        assertTrue(RunSpecLimits.LEARNING_RATE.problem(Double.NaN).isPresent(), "NaN is in no range");
    }

    @Test
    void aSpecOutsideTheLimitsIsRefusedInTheirWords() {
        RunSpec d = RunSpec.defaults("limits");
        RunSpec bad = new RunSpec("limits", d.model(), d.dataset(), 0, 2000, 0.0, d.beta1(), 1.0, 0, 0, 0, 1, -1);
        List<String> problems = bad.problems();
        for (RunSpecLimits.FieldRange range : RunSpecLimits.ALL) {
            if (range == RunSpecLimits.BETA1) {
                continue; // the one field left valid
            }
            assertTrue(
                    problems.stream().anyMatch(p -> p.startsWith(range.field() + " must be ")),
                    range + ": " + problems);
        }
    }
}
