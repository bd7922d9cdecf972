package io.ganflow.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ganflow.trainer")
public interface TrainerConfig {

    /** The consumer group all trainers share: Kafka spreads the batch topic's partitions, and so the runs, over them. */
    @WithDefault("trainer-service")
    String group();

    /** How long the training loop waits for batches before looking again. */
    @WithDefault("500")
    int pollMillis();

    /** How long a silent trainer keeps its partitions before the group gives them to another. */
    @WithDefault("10000")
    int sessionTimeoutMillis();

    /** Columns of the fixed-noise sample grid stored with each checkpoint (rows are the classes). */
    @WithDefault("10")
    int gridColumns();
}
