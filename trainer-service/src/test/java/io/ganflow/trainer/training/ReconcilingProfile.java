package io.ganflow.trainer.training;

import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A bucket and groups of its own, and a reconcile interval of 2 s, so that runs whose start was lost show quickly. */
public class ReconcilingProfile implements QuarkusTestProfile {

    static final String BUCKET = LocalInfrastructure.unique("reconcile-test");
    static final int RECONCILE_SECONDS = 2;

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
                String.valueOf(IsolatedStoreProfile.WINDOW),
                "ganflow.trainer.reconcile-seconds",
                String.valueOf(RECONCILE_SECONDS));
    }
}
