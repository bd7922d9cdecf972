package io.ganflow.trainer.runs;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.trainer.config.TrainerConfig;
import io.ganflow.trainer.training.TrainingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Starts runs by asking for their first window of batches. The object store is the record of which runs exist: a
 * command for a run whose spec is not in this trainer's store belongs to another deployment and is ignored, and a
 * run that already has checkpoints was started before (a replayed command) and continues from them instead.
 */
@ApplicationScoped
public class RunCommandHandler {

    private static final Logger LOG = Logger.getLogger(RunCommandHandler.class);

    private final RunSpecStore specs;
    private final CheckpointStore checkpoints;
    private final TrainingEvents events;
    private final TrainerConfig config;
    private final DatasetStore datasets;

    public RunCommandHandler(
            RunSpecStore specs,
            CheckpointStore checkpoints,
            TrainingEvents events,
            TrainerConfig config,
            DatasetStore datasets) {
        this.specs = specs;
        this.datasets = datasets;
        this.checkpoints = checkpoints;
        this.events = events;
        this.config = config;
    }

    @Incoming(RunCommand.TOPIC)
    @Blocking
    public CompletionStage<Void> onCommand(Message<String> message) {
        try {
            RunCommand command = Json.read(message.getPayload(), RunCommand.class);
            if (command.type() == RunCommand.Type.STOP) {
                return message.ack(); // every replica handles stops: RunStopListener
            }
            RunSpec spec = command.spec();
            List<String> problems = spec == null ? List.of("no run spec") : spec.problems(datasets::find);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("run " + command.runId() + " cannot start: " + problems);
            }
            if (specs.load(spec.runId()).isEmpty()) {
                LOG.infof("run=%s is not in this trainer's object store; ignoring its start command", spec.runId());
                return message.ack();
            }
            if (specs.isStopped(spec.runId())) {
                LOG.infof("run=%s was stopped; ignoring its start command", spec.runId());
                return message.ack();
            }
            if (checkpoints.latest(spec.runId()).isPresent()) {
                LOG.infof("run=%s was started before; it continues from its checkpoints", spec.runId());
                return message.ack();
            }
            events.requestEpoch(EpochRequest.windowHolding(spec, 0, 0, config.windowBatches()));
            LOG.infof(
                    "run=%s started: %s on %s, %d epochs of batch %d",
                    spec.runId(), spec.model(), spec.dataset(), spec.epochs(), spec.batchSize());
            return message.ack();
        } catch (RuntimeException e) {
            LOG.warnf("parking run command on the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
    }
}
