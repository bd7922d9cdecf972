package io.ganflow.testing;

import io.ganflow.events.CheckpointQuality;
import java.util.Collections;
import java.util.List;

/** Checkpoint quality records as an evaluator writes them, with the figures a test chooses. */
public final class Measurements {

    private Measurements() {}

    /** A cGAN checkpoint on Fashion-MNIST measured with this FCD and label accuracy (precision 0.7, recall 0.6). */
    public static CheckpointQuality measured(String runId, long step, double fcd, double accuracy) {
        return new CheckpointQuality(
                CheckpointQuality.VERSION,
                runId,
                step,
                0,
                "fashion-mnist",
                "classifier-fashion-mnist",
                1407,
                1000,
                10000,
                fcd,
                3.2,
                accuracy,
                Collections.nCopies(10, accuracy),
                System.currentTimeMillis(),
                List.of(),
                0.7,
                0.6);
    }
}
