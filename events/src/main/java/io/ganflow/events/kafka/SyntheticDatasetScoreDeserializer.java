package io.ganflow.events.kafka;

import io.ganflow.events.SyntheticDatasetScore;

public final class SyntheticDatasetScoreDeserializer extends EventDeserializer<SyntheticDatasetScore> {

    public SyntheticDatasetScoreDeserializer() {
        super(SyntheticDatasetScore.class);
    }
}
