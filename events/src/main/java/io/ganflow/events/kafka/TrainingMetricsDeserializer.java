package io.ganflow.events.kafka;

import io.ganflow.events.TrainingMetrics;

public final class TrainingMetricsDeserializer extends EventDeserializer<TrainingMetrics> {

    public TrainingMetricsDeserializer() {
        super(TrainingMetrics.class);
    }
}
