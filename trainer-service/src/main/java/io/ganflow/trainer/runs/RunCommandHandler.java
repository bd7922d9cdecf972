package io.ganflow.trainer.runs;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import io.ganflow.trainer.config.TrainerConfig;
import io.ganflow.trainer.reporting.TrainingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Starts runs by asking for their first window of batches. The object store is the record of which runs exist: a
 * command for a run that may not train ({@link TrainableRuns}: not in this trainer's store, stopped, failed) is
 * ignored, and a run that already has checkpoints was started before (a replayed command) and continues from them
 * instead. A store that cannot be reached fails the command, which SmallRye parks: the run is started later by the
 * trainer that owns its partition ({@link RunTakeUp}).
 */
@ApplicationScoped
public class RunCommandHandler {

    private static final Logger LOG = Logger.getLogger(RunCommandHandler.class);

    private final TrainableRuns trainable;
    private final CheckpointStore checkpoints;
    private final TrainingEvents events;
    private final TrainerConfig config;
    private final DatasetStore datasets;

    public RunCommandHandler(
            TrainableRuns trainable,
            CheckpointStore checkpoints,
            TrainingEvents events,
            TrainerConfig config,
            DatasetStore datasets) {
        this.trainable = trainable;
        this.datasets = datasets;
        this.checkpoints = checkpoints;
        this.events = events;
        this.config = config;
    }

    /**
     * Unreadable commands never get here, and a start this trainer cannot run is refused: SmallRye parks both on the
     * trainer's dead-letter topic with the reason.
     */
    @Incoming(RunCommand.TOPIC)
    @Blocking
    public CompletionStage<Void> onCommand(Message<RunCommand> message) {
        RunCommand command = message.getPayload();
        List<String> problems =
                command.type() == RunCommand.Type.START ? command.spec().problems(datasets::find) : List.of();
        if (!problems.isEmpty()) {
            LOG.warnf("run=%s cannot start, parking its command: %s", command.runId(), problems);
            return message.nack(new IllegalArgumentException("run " + command.runId() + " cannot start: " + problems));
        }
        handle(command);
        return message.ack();
    }

    private void handle(RunCommand command) {
        if (command.type() == RunCommand.Type.STOP) {
            return; // every replica handles stops: RunStopListener
        }
        RunSpec spec = command.spec();
        TrainableRuns.Decision decision = trainable.decide(spec.runId());
        if (!decision.trainable()) {
            LOG.infof("run=%s ignoring its start command: %s", spec.runId(), decision.reason());
            return;
        }
        if (checkpoints.latest(spec.runId()).isPresent()) {
            LOG.infof("run=%s was started before; it continues from its checkpoints", spec.runId());
            return;
        }
        events.requestEpoch(EpochRequest.windowHolding(spec, 0, 0, config.windowBatches()));
        LOG.infof(
                "run=%s started: %s on %s, %d epochs of batch %d",
                spec.runId(), spec.model(), spec.dataset(), spec.epochs(), spec.batchSize());
    }
}
