package io.ganflow.trainer.reporting;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.events.TrainingState;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * What the trainer tells about its runs: their status, their metrics points and their failures, on Kafka
 * ({@link TrainingEvents}) and in one log line each.
 */
@ApplicationScoped
public class RunReporter {

    private static final Logger LOG = Logger.getLogger(RunReporter.class);

    private final TrainingEvents events;

    public RunReporter(TrainingEvents events) {
        this.events = events;
    }

    /** The run's first step is about to be trained. */
    public void started(RunSpec spec) {
        events.status(RunStatus.pending(spec).with(RunStatus.State.RUNNING, 0, 0, -1, "training"));
    }

    /** The averages of the steps since the last point; nothing when there were none. */
    public void metrics(TrainingState state, int epoch, MetricsWindow window) {
        if (window.isEmpty()) {
            return;
        }
        MetricsWindow.Averages m = window.drain();
        String runId = state.spec().runId();
        LOG.infof(
                "run=%s epoch=%d step=%d img/s=%.1f loss_D=%.4f loss_G=%.4f D(x)=%.4f D(G(z))=%.4f",
                runId, epoch, state.step(), m.imagesPerSecond(), m.lossD(), m.lossG(), m.dReal(), m.dFake());
        events.metrics(new TrainingMetrics(
                TrainingMetrics.VERSION,
                runId,
                epoch,
                state.step(),
                m.lossD(),
                m.lossG(),
                m.dReal(),
                m.dFake(),
                m.imagesPerSecond(),
                System.currentTimeMillis()));
    }

    /** A checkpoint was written; {@code stopping} runs announce their stop instead of a status of their own. */
    public void checkpointed(TrainingState state, CheckpointEvent written, boolean stopping) {
        events.checkpoint(written);
        if (!stopping) {
            boolean completed = state.completed();
            events.status(RunStatus.pending(state.spec())
                    .with(
                            completed ? RunStatus.State.COMPLETED : RunStatus.State.RUNNING,
                            state.epoch(),
                            state.step(),
                            state.step(),
                            completed ? "completed" : "training"));
        }
        LOG.infof("run=%s checkpoint at step %d: %s", state.spec().runId(), state.step(), written.manifestKey());
    }

    public void stopped(TrainingState state) {
        events.status(RunStatus.pending(state.spec())
                .with(RunStatus.State.STOPPED, state.epoch(), state.step(), state.step(), "stopped by a user"));
        LOG.infof("run=%s stopped at step %d", state.spec().runId(), state.step());
    }

    public void completed(TrainingState state) {
        LOG.infof(
                "run=%s completed: %d epochs, %d steps",
                state.spec().runId(), state.spec().epochs(), state.step());
    }

    /** The run failed for a fault of its own, shown by {@code record}: the record is parked and the failure told. */
    public void failed(String runId, ConsumerRecord<String, byte[]> record, String reason) {
        park(record, "run " + runId + " failed: " + reason);
        events.status(RunStatus.failed(runId, reason));
        LOG.errorf("run=%s failed: %s", runId, reason);
    }

    /** A record no run can use goes to the dead-letter topic with the reason. */
    public void park(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf(
                "parking record %s-%d@%d on %s: %s",
                record.topic(), record.partition(), record.offset(), TrainingEvents.DEAD_LETTERS, reason);
        events.park(record, reason);
    }
}
