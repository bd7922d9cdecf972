package io.ganflow.gateway.synthetic;

import io.ganflow.events.SyntheticDatasetScore;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A synthetic data set's Classification Accuracy Score as clients see it: PENDING until an evaluator begins, SCORING
 * while it trains, then DONE or FAILED (see {@link SyntheticDatasetScore}).
 */
@Schema(
        description = "Classification Accuracy Score: held-out accuracy of a classifier trained only on this data set "
                + "(syntheticAccuracy) beside the same classifier trained on as many real images (realAccuracy)")
public record ScoreView(
        @Schema(enumeration = {"PENDING", "SCORING", "DONE", "FAILED"})
        String state,

        Double syntheticAccuracy,
        Double realAccuracy,
        List<Double> syntheticClassAccuracy,
        List<Double> realClassAccuracy,

        @Schema(description = "training images of each classifier")
        int images,

        int epochs,

        @Schema(description = "real held-out images both classifiers were tested on")
        int heldOutImages,

        String message) {

    static final String PENDING = "PENDING";

    static ScoreView pending() {
        return new ScoreView(
                PENDING, null, null, List.of(), List.of(), 0, 0, 0, "scored by an evaluator once the data set is made");
    }

    static ScoreView of(SyntheticDatasetScore score) {
        return new ScoreView(
                score.state().name(),
                score.syntheticAccuracy(),
                score.realAccuracy(),
                score.syntheticClassAccuracy(),
                score.realClassAccuracy(),
                score.images(),
                score.epochs(),
                score.heldOutImages(),
                score.message());
    }
}
