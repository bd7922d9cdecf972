package io.ganflow.trainer.runs;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.store.RunSpecStore;
import io.ganflow.trainer.training.TrainingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Starts runs: records the spec where every trainer can find it and asks for the first epoch's batches. */
@ApplicationScoped
public class RunCommandHandler {

    private static final Logger LOG = Logger.getLogger(RunCommandHandler.class);

    private final RunSpecStore specs;
    private final TrainingEvents events;

    public RunCommandHandler(RunSpecStore specs, TrainingEvents events) {
        this.specs = specs;
        this.events = events;
    }

    @Incoming(RunCommand.TOPIC)
    @Blocking
    public CompletionStage<Void> onCommand(Message<String> message) {
        try {
            RunCommand command = Json.read(message.getPayload(), RunCommand.class);
            RunSpec spec = command.spec();
            List<String> problems = spec == null ? List.of("no run spec") : spec.problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("run " + command.runId() + " cannot start: " + problems);
            }
            specs.save(spec);
            events.requestEpoch(EpochRequest.of(spec, 0));
            LOG.infof("run=%s started: %s on %s, %d epochs of batch %d", spec.runId(), spec.model(), spec.dataset(),
                    spec.epochs(), spec.batchSize());
            return message.ack();
        } catch (RuntimeException e) {
            LOG.warnf("parking run command on the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
    }
}
