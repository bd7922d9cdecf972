package io.ganflow.trainer.training;

import io.ganflow.events.CheckpointParts;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.GanTraining;
import io.ganflow.models.training.TrainingSnapshot;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh bucket and consumer group, so this test sees only its own runs; small batch windows and a short stall
 * time, so that flow control shows within a test. Before the trainer starts, the store already holds a run with a
 * checkpoint after its first window (as after a restart, its batches long gone) and a run that failed (its data
 * could not be read). Runs recorded but not started are taken up after a few seconds ({@code RECONCILE_SECONDS}).
 */
public class IsolatedStoreProfile implements QuarkusTestProfile {

    static final String BUCKET = LocalInfrastructure.unique("trainer-test");
    static final String UNFINISHED_RUN = LocalInfrastructure.unique("unfinished");
    static final String FAILED_RUN = LocalInfrastructure.unique("failed");
    static final int WINDOW = 2;
    static final int STALL_MILLIS = 3000;
    static final int RECONCILE_SECONDS = 5;

    static RunSpec spec(String runId) {
        return new RunSpec(
                runId, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 16, 2e-4, 0.5, 0.999, 100, 2, 1, 3L, 64);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ganflow.store.bucket",
                BUCKET,
                "ganflow.trainer.group",
                BUCKET + "-batches",
                "mp.messaging.incoming.run-commands.group.id",
                BUCKET,
                "ganflow.trainer.window-batches",
                String.valueOf(WINDOW),
                "ganflow.trainer.stall-millis",
                String.valueOf(STALL_MILLIS),
                "ganflow.trainer.retention.keep-latest",
                "1",
                "ganflow.trainer.reconcile-seconds",
                String.valueOf(RECONCILE_SECONDS));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(UnfinishedRunInStore.class));
    }

    public static class UnfinishedRunInStore implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            ObjectStore store = LocalInfrastructure.store(BUCKET);
            RunSpecStore specs = new RunSpecStore(store);
            specs.save(spec(FAILED_RUN));
            specs.markFailed(FAILED_RUN, "its data set cannot be read");
            RunSpec unfinished = spec(UNFINISHED_RUN);
            specs.save(unfinished);
            TrainingState afterFirstWindow =
                    TrainingState.start(unfinished).afterBatch(0, 0, 4).afterBatch(0, 1, 4);
            try (GanTraining training = GanTraining.start(unfinished)) {
                TrainingSnapshot snapshot = training.snapshot();
                Map<String, byte[]> parts = new LinkedHashMap<>();
                parts.put(CheckpointParts.GENERATOR, snapshot.generator());
                parts.put(CheckpointParts.DISCRIMINATOR, snapshot.discriminator());
                parts.put(CheckpointParts.GENERATOR_OPTIMIZER, snapshot.generatorOptimizer());
                parts.put(CheckpointParts.DISCRIMINATOR_OPTIMIZER, snapshot.discriminatorOptimizer());
                parts.put(CheckpointParts.STATE, Json.writeBytes(afterFirstWindow));
                new CheckpointStore(store).write(UNFINISHED_RUN, afterFirstWindow.step(), 0, parts);
            }
            return Map.of();
        }

        @Override
        public void stop() {}
    }
}
