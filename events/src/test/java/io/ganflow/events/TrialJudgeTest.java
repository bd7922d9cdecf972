package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.TrialJudge.Scored;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
        // each trial against the earlier ones: ceil(n / 3) of them go on
        assertFalse(TrialJudge.stops(halving, QualityFigure.FCD, new Scored(0, 40), List.of()), "the first goes on");
        List<Scored> earlier = List.of(new Scored(0, 40), new Scored(1, 10));
        assertTrue(TrialJudge.stops(halving, QualityFigure.FCD, new Scored(2, 30), earlier), "3rd of 3: 1 goes on");
        assertFalse(TrialJudge.stops(halving, QualityFigure.FCD, new Scored(2, 5), earlier), "the best of 3");
        List<Scored> three = List.of(new Scored(0, 40), new Scored(1, 10), new Scored(2, 30));
        assertFalse(TrialJudge.stops(halving, QualityFigure.FCD, new Scored(3, 20), three), "2nd of 4: 2 go on");
        assertTrue(TrialJudge.stops(halving, QualityFigure.ACCURACY, new Scored(3, 20), three), "higher is better");
    }

    @Test
    void medianStoppingStopsWhatIsWorseThanTheMedianFromTheGraceOn() {
        StudySpec.EarlyStopping median = new StudySpec.EarlyStopping("median", 2, null);
        assertFalse(TrialJudge.isRung(median, 1));
        assertTrue(TrialJudge.isRung(median, 2) && TrialJudge.isRung(median, 3));
        List<Scored> earlier = List.of(new Scored(0, 0.5), new Scored(1, 0.7), new Scored(2, 0.9));
        // the earlier trials' median is 0.7
        assertTrue(TrialJudge.stops(median, QualityFigure.ACCURACY, new Scored(3, 0.6), earlier));
        assertFalse(TrialJudge.stops(median, QualityFigure.ACCURACY, new Scored(3, 0.7), earlier), "not worse");
        assertFalse(TrialJudge.stops(median, QualityFigure.FCD, new Scored(3, 0.6), earlier), "lower FCD is better");
        assertFalse(TrialJudge.stops(median, QualityFigure.ACCURACY, new Scored(0, 0.1), List.of()));
        assertFalse(TrialJudge.isRung(new StudySpec.EarlyStopping("none", 1, null), 5));
    }

    @Test
    void theBestIsTheBestValueAndATieGoesToTheEarlierTrial() {
        List<Scored> fcd = List.of(new Scored(2, 12.0), new Scored(0, 12.0), new Scored(1, 15.0));
        assertEquals(Optional.of(new Scored(0, 12.0)), TrialJudge.best(QualityFigure.FCD, fcd));
        assertEquals(Optional.of(new Scored(1, 15.0)), TrialJudge.best(QualityFigure.PRECISION, fcd));
    }
}
