package io.ganflow.events;

import static io.ganflow.events.StudySpecTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ganflow.events.StudyProgress.Decision;
import io.ganflow.events.StudyProgress.TrialFacts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A grid of four trials, two at once, a checkpoint every 10 steps, halved at rungs 1, 2, 4 (steps 10, 20, 40) by FCD:
 * what starts, what stops and which is best follow from the trials' figures at those steps alone.
 */
class StudyProgressTest {

    private static final StudySpec STUDY = new StudySpec(
            StudySpec.VERSION,
            "halved",
            everyTenSteps("halved"),
            Map.of("seed", values(1, 2, 3, 4)),
            "grid",
            null,
            new StudySpec.Budget(4, 2),
            new StudySpec.Objective("fcd", "best"),
            new StudySpec.EarlyStopping("successive-halving", 1, 2),
            null);
    private static final List<StudyPlan.Trial> PLAN = StudyPlan.trials(STUDY);

    /** A base that checkpoints every 10 steps. */
    private static RunSpec everyTenSteps(String runId) {
        return new RunSpec(
                runId, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 64, 2e-4, 0.5, 0.999, 100, 10, 10, 1, 0);
    }

    private static TrialFacts waiting() {
        return new TrialFacts(null, List.of(), null);
    }

    private static TrialFacts run(RunStatus.State state, boolean allMeasured, double... fcd) {
        List<CheckpointQuality> measured = new ArrayList<>();
        for (int i = 0; i < fcd.length; i++) {
            measured.add(measuredAt((i + 1) * 10L, fcd[i]));
        }
        // a checkpoint every 10 steps; the latest one not measured yet unless all are
        long last = (fcd.length + (allMeasured ? 0 : 1)) * 10L;
        return new TrialFacts(state, measured, last == 0 ? null : last);
    }

    private static CheckpointQuality measuredAt(long step, double fcd) {
        return new CheckpointQuality(
                1, "r", step, 0, "fashion-mnist", "c", 1, 10, 10, fcd, 3.0, 0.5, List.of(), 0, List.of(), 0.5, 0.5);
    }

    /** The same facts with one more measured checkpoint, at {@code step}. */
    private static TrialFacts plus(TrialFacts facts, long step, double fcd, Long lastCheckpoint) {
        List<CheckpointQuality> measured = new ArrayList<>(facts.measured());
        measured.add(measuredAt(step, fcd));
        measured.sort(java.util.Comparator.comparingLong(CheckpointQuality::step));
        return new TrialFacts(facts.run(), measured, lastCheckpoint);
    }

    private static Decision decide(TrialFacts... facts) {
        return StudyProgress.decide(STUDY, PLAN, List.of(facts), 0);
    }

    @Test
    void theFirstTrialsStartAsTheBudgetAllowsAndTheNextWhenOneEnds() {
        assertEquals(
                List.of(0, 1),
                decide(waiting(), waiting(), waiting(), waiting()).toStart());
        TrialFacts training = run(RunStatus.State.RUNNING, false, 30);
        assertEquals(
                List.of(),
                decide(training, run(RunStatus.State.PENDING, false), waiting(), waiting())
                        .toStart());
        assertEquals(
                List.of(2),
                decide(run(RunStatus.State.COMPLETED, true, 30, 28), training, waiting(), waiting())
                        .toStart());
    }

    @Test
    void aTrialOutsideTheBestHalfOfTheTrialsBeforeItStopsAtARungAndTheBestIsChosenOnceAllAreMeasured() {
        TrialFacts zero = run(RunStatus.State.COMPLETED, true, 30, 28, 27, 26);
        TrialFacts one = run(RunStatus.State.COMPLETED, true, 20, 18, 17, 16);
        TrialFacts two = run(RunStatus.State.RUNNING, false, 40, 35);
        TrialFacts three = run(RunStatus.State.RUNNING, false, 25);
        Decision decision = decide(zero, one, two, three);
        // rung 1: trial 2's 40 is third of 20, 30, 40 (2 go on); trial 3's 25 second of four (2 go on)
        assertEquals(java.util.Set.of(2), decision.toStop().keySet());
        assertEquals("STOPPING", decision.state().trials().get(2).state());
        assertEquals(1, decision.state().trials().get(2).stoppedAtRung());
        assertEquals(40.0, decision.state().trials().get(2).value(), "its value is the rung's");
        assertEquals("TRAINING", decision.state().trials().get(3).state());
        assertEquals(StudyState.State.RUNNING, decision.state().state());
        assertNull(decision.state().bestTrial());

        // all end and are measured: trial 3 is best (its 15 at rung 4 is first of 15, 16, 26), at its best step
        Decision done = decide(
                zero,
                one,
                run(RunStatus.State.STOPPED, true, 40, 35, 34),
                run(RunStatus.State.COMPLETED, true, 25, 24, 23, 15));
        assertEquals(StudyState.State.COMPLETED, done.state().state());
        assertNull(done.state().trials().get(0).stoppedAtRung(), "the first trial has no one to be judged against");
        assertEquals(3, done.state().bestTrial(), done.state().toString());
        assertEquals(15.0, done.state().bestValue());
        assertEquals(40L, done.state().bestStep());
        assertEquals("STOPPED", done.state().trials().get(2).state());
        assertEquals(Map.of(), done.toStop(), "nothing left to stop");
    }

    @Test
    void aVerdictWaitsForTheEarlierTrialsAndIsTheSameWhateverOrderTheirFiguresCameIn() {
        // trial 1 reaches rung 1 before trial 0 is measured there: no verdict yet
        Decision early = decide(
                run(RunStatus.State.RUNNING, false), run(RunStatus.State.RUNNING, false, 50), waiting(), waiting());
        assertEquals(Map.of(), early.toStop());
        assertNull(early.state().trials().get(1).stoppedAtRung());
        // once trial 0 is there, the verdict is the one it would have been had trial 0 been first
        Decision later = decide(
                run(RunStatus.State.RUNNING, false, 20),
                run(RunStatus.State.RUNNING, false, 50, 45, 44),
                waiting(),
                waiting());
        assertEquals(1, later.state().trials().get(1).stoppedAtRung());
        assertEquals(50.0, later.state().trials().get(1).value());
    }

    @Test
    void withoutARuleNothingStopsAndTheBestIsTheBestOverAllCheckpoints() {
        StudySpec unruled = new StudySpec(
                StudySpec.VERSION,
                "plain",
                everyTenSteps("plain"),
                Map.of("seed", values(1, 2)),
                "grid",
                null,
                new StudySpec.Budget(2, 2),
                new StudySpec.Objective("fcd", "last"),
                null,
                null);
        List<StudyPlan.Trial> plan = StudyPlan.trials(unruled);
        Decision done = StudyProgress.decide(
                unruled,
                plan,
                List.of(run(RunStatus.State.COMPLETED, true, 90, 10, 30), run(RunStatus.State.COMPLETED, true, 40, 20)),
                0);
        assertEquals(1, done.state().bestTrial(), "the last checkpoint counts: 20 beats 30");
        assertEquals(
                Collections.nCopies(2, (Integer) null),
                IntStream.range(0, 2)
                        .mapToObj(t -> done.state().trials().get(t).stoppedAtRung())
                        .toList());
    }

    @Test
    void checkpointsBetweenRungsAHandOverOrAStopWroteChangeNoVerdict() {
        TrialFacts zero = run(RunStatus.State.COMPLETED, true, 30, 28, 27, 26);
        TrialFacts one = run(RunStatus.State.COMPLETED, true, 20, 18, 17, 16);
        TrialFacts two = run(RunStatus.State.RUNNING, false, 40, 35);
        Decision plain = decide(zero, one, two, waiting());
        // trial 2 was handed over at step 7 and trial 1 at step 25: their figures there are not rungs
        Decision handedOver = decide(zero, plus(one, 25, 1.0, 40L), plus(two, 7, 1.0, 30L), waiting());
        assertEquals(plain.state().trials(), handedOver.state().trials());
        assertEquals(plain.toStop(), handedOver.toStop());
    }

    @Test
    void aRungWhoseCheckpointIsNotMeasuredYetWaitsEvenWhenALaterOneIs() {
        // trial 1's step 10 is not measured, its step 20 is: no verdict at rung 1 yet, and the study is not done
        TrialFacts zero = run(RunStatus.State.COMPLETED, true, 20, 18);
        TrialFacts one = new TrialFacts(RunStatus.State.COMPLETED, List.of(measuredAt(20, 50)), 20L);
        Decision decision = decide(zero, one, waiting(), waiting());
        assertNull(decision.state().trials().get(1).stoppedAtRung());
        assertEquals(StudyState.State.RUNNING, decision.state().state());
    }

    @Test
    void aCompletedTrialsLastCheckpointOffTheCadenceCountsForItsObjectiveOnceMeasured() {
        // trial 0 ends at step 25 (its epoch's end): the study waits for that checkpoint, then counts it
        TrialFacts ended = run(RunStatus.State.COMPLETED, true, 30, 28);
        Decision waiting = decide(
                new TrialFacts(RunStatus.State.COMPLETED, ended.measured(), 25L),
                run(RunStatus.State.STOPPED, true),
                run(RunStatus.State.STOPPED, true),
                run(RunStatus.State.STOPPED, true));
        assertEquals(StudyState.State.RUNNING, waiting.state().state(), "step 25 is not measured yet");
        Decision done = decide(
                plus(ended, 25, 12, 25L),
                run(RunStatus.State.STOPPED, true),
                run(RunStatus.State.STOPPED, true),
                run(RunStatus.State.STOPPED, true));
        assertEquals(StudyState.State.COMPLETED, done.state().state());
        assertEquals(12.0, done.state().bestValue());
        assertEquals(25L, done.state().bestStep());
    }
}
