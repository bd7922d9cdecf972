package io.ganflow.events.kafka;

import io.ganflow.events.SyntheticDatasetResult;

public final class SyntheticDatasetResultDeserializer extends EventDeserializer<SyntheticDatasetResult> {

    public SyntheticDatasetResultDeserializer() {
        super(SyntheticDatasetResult.class);
    }
}
