package io.ganflow.evaluator.evaluation;

import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A fresh bucket and consumer groups, a stand-in dataset-service whose answers the tests set, and scores trained for
 * 40 steps (patches are learnt in that). The
 * numerics self-test is off here: LayerPrecisionTest checks the same layers.
 */
public class EvaluatorProfile implements QuarkusTestProfile {

    public static final String BUCKET = LocalInfrastructure.unique("evaluator-test");
    public static final StubDatasetService DATASETS = new StubDatasetService();
    public static final int IMAGES_PER_CLASS = 10;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ganflow.store.bucket",
                BUCKET,
                "mp.messaging.incoming.checkpoints.group.id",
                BUCKET,
                "ganflow.evaluation.dataset-service-url",
                DATASETS.url(),
                "ganflow.evaluation.images-per-class",
                String.valueOf(IMAGES_PER_CLASS),
                "ganflow.numerics.self-test",
                "false",
                "mp.messaging.incoming.synthetic-dataset-results.group.id",
                BUCKET + "-scores",
                "ganflow.evaluation.score-minimum-steps",
                "40",
                "ganflow.evaluation.score-minimum-epochs",
                "1");
    }
}
