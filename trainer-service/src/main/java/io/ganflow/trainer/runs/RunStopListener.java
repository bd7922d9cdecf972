package io.ganflow.trainer.runs;

import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunCommand;
import io.ganflow.trainer.training.TrainingLoop;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Hands STOP commands to the training loop. Unlike starts, which one trainer of the group handles, every trainer
 * replica reads every command here (a consumer group of its own), since only the one that trains the run can stop
 * it. A replica that starts later learns of earlier stops from the store, where the gateway records them.
 */
@ApplicationScoped
public class RunStopListener {

    static final String CHANNEL = "run-stops";
    private static final Logger LOG = Logger.getLogger(RunStopListener.class);

    private final TrainingLoop loop;

    public RunStopListener(TrainingLoop loop) {
        this.loop = loop;
    }

    @Incoming(CHANNEL)
    public void onCommand(String message) {
        try {
            RunCommand command = Json.read(message, RunCommand.class);
            if (command.type() == RunCommand.Type.STOP) {
                loop.requestStop(command.runId());
            }
        } catch (MalformedEventException e) {
            // the start handler of the shared group parks unreadable commands; here they are only skipped
            LOG.debugf("skipping an unreadable run command: %s", e.getMessage());
        }
    }
}
