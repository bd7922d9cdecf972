package io.ganflow.events.kafka;

import io.ganflow.events.RunStatus;

public final class RunStatusDeserializer extends EventDeserializer<RunStatus> {

    public RunStatusDeserializer() {
        super(RunStatus.class);
    }
}
