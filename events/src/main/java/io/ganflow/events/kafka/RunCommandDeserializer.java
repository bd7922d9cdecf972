package io.ganflow.events.kafka;

import io.ganflow.events.RunCommand;

public final class RunCommandDeserializer extends EventDeserializer<RunCommand> {

    public RunCommandDeserializer() {
        super(RunCommand.class);
    }
}
