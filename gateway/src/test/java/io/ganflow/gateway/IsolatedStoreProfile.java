package io.ganflow.gateway;

import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A fresh bucket for the gateway's tests, so that they see only their own runs. */
public class IsolatedStoreProfile implements QuarkusTestProfile {

    public static final String BUCKET = LocalInfrastructure.unique("gateway-test");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ganflow.store.bucket", BUCKET);
    }
}
