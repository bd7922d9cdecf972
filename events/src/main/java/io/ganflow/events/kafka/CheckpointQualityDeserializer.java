package io.ganflow.events.kafka;

import io.ganflow.events.CheckpointQuality;

public final class CheckpointQualityDeserializer extends EventDeserializer<CheckpointQuality> {

    public CheckpointQualityDeserializer() {
        super(CheckpointQuality.class);
    }
}
