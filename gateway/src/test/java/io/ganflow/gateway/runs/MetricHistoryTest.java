package io.ganflow.gateway.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.TrainingMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricHistoryTest {

    private static TrainingMetrics point(String runId, long step) {
        return new TrainingMetrics(TrainingMetrics.VERSION, runId, 0, step, 1, 1, 0.5, 0.5, 100, 0);
    }

    @Test
    void aLongRunKeepsItsWholeCurveThinnedWhereItIsOldAndDenseWhereItIsNew() {
        MetricHistory history = new MetricHistory(100);
        for (long step = 1; step <= 10_000; step++) {
            history.add(point("run-1", step));
        }
        List<Long> steps = history.points().stream().map(TrainingMetrics::step).toList();
        assertTrue(steps.size() <= 100, "bounded: " + steps.size());
        assertEquals(1L, steps.get(0), "the curve still starts at the run's start");
        assertEquals(10_000L, steps.get(steps.size() - 1));
        List<Long> newest = steps.subList(steps.size() - 10, steps.size());
        assertEquals(List.of(9991L, 9992L, 9993L, 9994L, 9995L, 9996L, 9997L, 9998L, 9999L, 10_000L), newest);
    }

    @Test
    void aReplayedPointDoesNotMoveTheCurveBack() {
        MetricHistory history = new MetricHistory(10);
        history.add(point("run-1", 5));
        history.add(point("run-1", 3));
        history.add(point("run-1", 5));
        assertEquals(1, history.points().size());
    }

    @Test
    void theGatewayKeepsTheHistoriesOfSoManyRunsTheLeastRecentlyTrainedForgottenFirst() {
        RunEvents events = new RunEvents(10, 2);
        events.metrics(point("old", 1), "{}");
        events.metrics(point("middle", 1), "{}");
        events.metrics(point("new", 1), "{}");
        assertEquals(List.of(), events.history("old"));
        assertEquals(1, events.history("middle").size());
        assertEquals(1, events.history("new").size());
    }
}
