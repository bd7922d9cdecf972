package io.ganflow.events.kafka;

import io.ganflow.events.CheckpointEvent;

public final class CheckpointEventDeserializer extends EventDeserializer<CheckpointEvent> {

    public CheckpointEventDeserializer() {
        super(CheckpointEvent.class);
    }
}
