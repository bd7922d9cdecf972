package io.ganflow.trainer.runs;

import io.ganflow.events.RunCommand;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Hands STOP commands to {@link RunStops}. Unlike starts, which one trainer of the group handles, every trainer
 * replica reads every command here (a consumer group of its own), since only the one that trains the run can stop
 * it. A replica that starts later learns of earlier stops from the store, where the gateway records them.
 */
@ApplicationScoped
public class RunStopListener {

    static final String CHANNEL = "run-stops";

    private final RunStops stops;

    public RunStopListener(RunStops stops) {
        this.stops = stops;
    }

    /**
     * {@code command} is null when the record could not be read: the start handler of the shared group parks
     * unreadable commands, so this group (failure strategy {@code ignore}) only skips them.
     */
    @Incoming(CHANNEL)
    public void onCommand(RunCommand command) {
        if (command != null && command.type() == RunCommand.Type.STOP) {
            stops.request(command.runId());
        }
    }
}
