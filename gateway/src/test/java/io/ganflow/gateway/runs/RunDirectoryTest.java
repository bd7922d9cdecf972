package io.ganflow.gateway.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import org.junit.jupiter.api.Test;

class RunDirectoryTest {

    private final RunDirectory directory = new RunDirectory(new RunEvents(100, 10));
    private final RunSpec spec = RunSpec.defaults("run-1");

    @Test
    void aLatePendingDoesNotHideTraining() {
        directory.onStatus(RunStatus.pending(spec).with(RunStatus.State.RUNNING, 1, 300, 200, "training"));
        directory.record(RunStatus.pending(spec));
        RunView view = directory.get("run-1").orElseThrow();
        assertEquals("RUNNING", view.state());
        assertEquals(300, view.step());
    }

    @Test
    void aFailureShowsWithItsReasonAndKeepsTheSpec() {
        directory.record(RunStatus.pending(spec));
        directory.onStatus(RunStatus.failed("run-1", "no CIFAR-10 at /data"));
        RunView view = directory.get("run-1").orElseThrow();
        assertEquals("FAILED", view.state());
        assertEquals("no CIFAR-10 at /data", view.message());
        assertEquals(spec, view.spec());
    }

    @Test
    void metricsMoveTheStepBetweenCheckpoints() {
        directory.record(RunStatus.pending(spec));
        directory.onMetrics(new TrainingMetrics(TrainingMetrics.VERSION, "run-1", 0, 42, 1, 1, 0.5, 0.5, 80, 0));
        assertEquals(42, directory.get("run-1").orElseThrow().step());
    }
}
