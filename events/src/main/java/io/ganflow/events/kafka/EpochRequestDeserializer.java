package io.ganflow.events.kafka;

import io.ganflow.events.EpochRequest;

public final class EpochRequestDeserializer extends EventDeserializer<EpochRequest> {

    public EpochRequestDeserializer() {
        super(EpochRequest.class);
    }
}
