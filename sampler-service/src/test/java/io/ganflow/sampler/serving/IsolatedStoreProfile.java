package io.ganflow.sampler.serving;

import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A fresh bucket, so this test serves only its own runs. */
public class IsolatedStoreProfile implements QuarkusTestProfile {

    public static final String BUCKET = LocalInfrastructure.unique("sampler-test");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ganflow.store.bucket", BUCKET);
    }
}
