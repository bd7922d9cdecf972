package io.ganflow.trainer.training;

import io.ganflow.events.RunSpec;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A fresh bucket and consumer group, so this test sees only its own runs; small batch windows and a short stall
 * time, so that flow control shows within a test. The store already holds one unfinished run before the trainer
 * starts, as after a restart.
 */
public class IsolatedStoreProfile implements QuarkusTestProfile {

    static final String BUCKET = LocalInfrastructure.unique("trainer-test");
    static final String UNFINISHED_RUN = LocalInfrastructure.unique("unfinished");
    static final int WINDOW = 2;
    static final int STALL_MILLIS = 3000;

    static RunSpec spec(String runId) {
        return new RunSpec(
                runId, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 16, 2e-4, 0.5, 0.999, 100, 2, 1, 3L, 64);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ganflow.store.bucket", BUCKET,
                "ganflow.trainer.group", BUCKET,
                "mp.messaging.incoming.run-commands.group.id", BUCKET,
                "ganflow.trainer.window-batches", String.valueOf(WINDOW),
                "ganflow.trainer.stall-millis", String.valueOf(STALL_MILLIS));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(UnfinishedRunInStore.class));
    }

    public static class UnfinishedRunInStore implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            new RunSpecStore(LocalInfrastructure.store(BUCKET)).save(spec(UNFINISHED_RUN));
            return Map.of();
        }

        @Override
        public void stop() {}
    }
}
