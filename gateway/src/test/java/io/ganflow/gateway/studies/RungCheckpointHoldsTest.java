package io.ganflow.gateway.studies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.RunStatus;
import io.ganflow.events.StudyProgress.TrialFacts;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Which rung checkpoints a study holds for a trial that checkpoints every 10 steps. */
class RungCheckpointHoldsTest {

    private static CheckpointQuality measured(long step) {
        return new CheckpointQuality(
                1, "r", step, 0, "fashion-mnist", "c", 1, 10, 10, 50.0, 3.0, 0.5, List.of(), 0, List.of(), 0.5, 0.5);
    }

    private static Set<Long> steps(long from, long to) {
        return LongStream.rangeClosed(from / 10, to / 10)
                .map(k -> k * 10)
                .boxed()
                .collect(Collectors.toSet());
    }

    @Test
    void beforeItStartsTheFirstRungsAreHeldAheadOfTheTrainer() {
        assertEquals(steps(10, 80), RungCheckpointHolds.wanted(10, new TrialFacts(null, List.of(), null)));
    }

    @Test
    void whileItTrainsTheUnmeasuredRungsAndTheNextOnesAreHeld() {
        TrialFacts training = new TrialFacts(RunStatus.State.RUNNING, List.of(measured(10), measured(30)), 37L);
        Set<Long> wanted = steps(20, 110);
        wanted.remove(30L);
        assertEquals(wanted, RungCheckpointHolds.wanted(10, training));
    }

    @Test
    void onceItEndedOnlyItsUnmeasuredRungsAreHeldAndNoneOnceAllAreMeasured() {
        assertEquals(
                Set.of(20L),
                RungCheckpointHolds.wanted(
                        10, new TrialFacts(RunStatus.State.STOPPED, List.of(measured(10), measured(30)), 34L)));
        assertEquals(
                Set.of(),
                RungCheckpointHolds.wanted(
                        10,
                        new TrialFacts(
                                RunStatus.State.COMPLETED, List.of(measured(10), measured(20), measured(25)), 25L)));
    }
}
