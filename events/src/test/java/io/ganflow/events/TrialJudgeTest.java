package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.TrialJudge.Scored;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stops and the best trial follow from the figures alone, ties going to the earlier trial. */
class TrialJudgeTest {

    private static final StudySpec.Objective LOWEST_FCD_AT_BEST = new StudySpec.Objective("fcd", "best");
    private static final StudySpec.Objective ACCURACY_AT_LAST = new StudySpec.Objective("accuracy", "last");

    @Test
    void theValueAtARungIsTheLastOrTheBestOfTheFirstCheckpoints() {
        List<Double> fcd = List.of(30.0, 20.0, 25.0);
        assertEquals(Optional.of(20.0), TrialJudge.valueAt(LOWEST_FCD_AT_BEST, fcd, 3));
        assertEquals(Optional.of(30.0), TrialJudge.valueAt(LOWEST_FCD_AT_BEST, fcd, 1));
        assertEquals(Optional.of(25.0), TrialJudge.valueAt(new StudySpec.Objective("fcd", "last"), fcd, 3));
        assertEquals(Optional.empty(), TrialJudge.valueAt(LOWEST_FCD_AT_BEST, fcd, 4), "not there yet");
        assertEquals(
                Optional.empty(),
                TrialJudge.valueAt(ACCURACY_AT_LAST, Arrays.asList(0.5, null), 2),
                "a checkpoint without the figure gives no value");
    }

    @Test
    void successiveHalvingJudgesAtGraceTimesPowersOfItsFactorAndKeepsTheBestPart() {
        StudySpec.EarlyStopping halving = new StudySpec.EarlyStopping("successive-halving", 2, 3);
        List<Integer> rungs = java.util.stream.IntStream.rangeClosed(1, 20)
                .filter(k -> TrialJudge.isRung(halving, k))
                .boxed()
                .toList();
        assertEquals(List.of(2, 6, 18), rungs);
        List<Scored> fcd = List.of(new Scored(0, 40), new Scored(1, 10), new Scored(2, 30), new Scored(3, 20));
        // ceil(4 / 3) = 2 go on: the two lowest FCDs
        assertEquals(Set.of(0, 2), TrialJudge.stopping(halving, QualityFigure.FCD, fcd));
        assertEquals(Set.of(1, 3), TrialJudge.stopping(halving, QualityFigure.ACCURACY, fcd), "higher is better");
    }

    @Test
    void medianStoppingStopsWhatIsWorseThanTheMedianFromTheGraceOn() {
        StudySpec.EarlyStopping median = new StudySpec.EarlyStopping("median", 2, null);
        assertFalse(TrialJudge.isRung(median, 1));
        assertTrue(TrialJudge.isRung(median, 2) && TrialJudge.isRung(median, 3));
        List<Scored> accuracy = List.of(new Scored(0, 0.5), new Scored(1, 0.7), new Scored(2, 0.6), new Scored(3, 0.9));
        // median 0.65: 0.5 and 0.6 are worse
        assertEquals(Set.of(0, 2), TrialJudge.stopping(median, QualityFigure.ACCURACY, accuracy));
        assertEquals(Set.of(), TrialJudge.stopping(median, QualityFigure.ACCURACY, List.of(new Scored(0, 0.1))));
        assertFalse(TrialJudge.isRung(new StudySpec.EarlyStopping("none", 1, null), 5));
    }

    @Test
    void theBestIsTheBestValueAndATieGoesToTheEarlierTrial() {
        List<Scored> fcd = List.of(new Scored(2, 12.0), new Scored(0, 12.0), new Scored(1, 15.0));
        assertEquals(Optional.of(new Scored(0, 12.0)), TrialJudge.best(QualityFigure.FCD, fcd));
        assertEquals(Optional.of(new Scored(1, 15.0)), TrialJudge.best(QualityFigure.PRECISION, fcd));
    }
}
