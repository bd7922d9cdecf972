package io.ganflow.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ganflow.trainer")
public interface TrainerConfig {

    /**
     * The consumer group all trainers' batch feeds share: Kafka spreads the batch topic's partitions, and so the runs,
     * over them. A group of its own, not the one of the run-commands channel: a group rebalances as one, so a dead
     * trainer's command consumer (45 s session) would hold up the hand-over of its batch partitions (10 s).
     */
    @WithDefault("trainer-batches")
    String group();

    /** How long the training loop waits for batches before looking again. */
    @WithDefault("500")
    int pollMillis();

    /** How long a silent trainer keeps its partitions before the group gives them to another. */
    @WithDefault("10000")
    int sessionTimeoutMillis();

    /** Batches per request to the dataset-service: runs sharing a trainer take turns at this granularity. */
    @WithDefault("32")
    int windowBatches();

    /**
     * How long the batch topic may stay empty while runs still need batches before they ask for them again (a
     * request or its answer was lost); doubles while nothing comes, up to 10 minutes.
     */
    @WithDefault("30000")
    int stallMillis();

    /** Columns of the fixed-noise sample grid stored with each checkpoint (rows are the classes). */
    @WithDefault("10")
    int gridColumns();

    /**
     * How long a stopping trainer (SIGTERM) tries to checkpoint its runs before it leaves the group anyway; the deploy
     * files' termination grace periods cover it with room to spare.
     */
    @WithDefault("30")
    int handOverSeconds();

    /**
     * How long the training thread may go without polling before the trainer counts as stuck: liveness fails and the
     * process exits, so that it is restarted. A step takes seconds and a backoff at most half a minute.
     */
    @WithDefault("300")
    int stuckAfterSeconds();

    /**
     * How often a trainer looks in the store for runs of its partitions that no trainer trains (their start command
     * was lost); a run without a checkpoint counts as lost only once it was recorded this long ago.
     */
    @WithDefault("120")
    int reconcileSeconds();

    Retention retention();

    /**
     * Which checkpoints of a run stay in the store ({@code CheckpointRetention}): the latest few, the one written at
     * the end of every {@code epochInterval}-th epoch, and any a synthetic data set job has pinned. A cGAN
     * checkpoint is about 16 MB, so 150 epochs keep about 2.5 GB.
     */
    interface Retention {
        @WithDefault("3")
        int keepLatest();

        @WithDefault("1")
        int epochInterval();
    }
}
