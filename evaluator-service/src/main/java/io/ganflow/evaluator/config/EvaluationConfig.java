package io.ganflow.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "ganflow.evaluation")
public interface EvaluationConfig {

    /**
     * Images generated per class for each checkpoint (for an unconditional model, this times the classes in all):
     * 100 x 10 = 1,000 images, measured against the 10,000 real held-out images. FCD's bias shrinks with n, so only
     * figures measured with the same n are compared: it is stated in every record.
     */
    @WithDefault("100")
    int imagesPerClass();

    /** The noise seed of the fixed images: the same for every checkpoint, so a run's curve compares like with like. */
    @WithDefault("20190507")
    long seed();

    /** Where the dataset-service answers (for the held-out splits). */
    @WithDefault("http://127.0.0.1:8081")
    String datasetServiceUrl();

    /** Epochs a reference classifier is trained for when the evaluator starts one (3: 90.6% on Fashion-MNIST). */
    @WithDefault("3")
    int classifierEpochs();

    /** Training images a started reference classifier uses (0: all); fewer only for quick tests. */
    @WithDefault("0")
    int classifierDatasetLimit();

    /**
     * Each classifier of a Classification Accuracy Score trains at least this many steps of 128 images (1,400: three
     * epochs of 60,000, the most a data set may have), so that a small set is not judged by an undertrained model.
     */
    @WithDefault("1400")
    int scoreMinimumSteps();

    /** ... and at least this many epochs (3, as the reference classifier). */
    @WithDefault("3")
    int scoreMinimumEpochs();
}
