package io.ganflow.events.kafka;

import io.ganflow.events.SyntheticDatasetRequest;

public final class SyntheticDatasetRequestDeserializer extends EventDeserializer<SyntheticDatasetRequest> {

    public SyntheticDatasetRequestDeserializer() {
        super(SyntheticDatasetRequest.class);
    }
}
