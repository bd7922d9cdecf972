package io.ganflow.trainer.training;

import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A fresh bucket and consumer group, so this test sees only its own runs. */
public class IsolatedStoreProfile implements QuarkusTestProfile {

    static final String BUCKET = LocalInfrastructure.unique("trainer-test");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ganflow.store.bucket",
                BUCKET,
                "ganflow.trainer.group",
                BUCKET,
                "mp.messaging.incoming.run-commands.group.id",
                BUCKET);
    }
}
