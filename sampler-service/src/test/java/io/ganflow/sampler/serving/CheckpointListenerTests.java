package io.ganflow.sampler.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.store.CheckpointStore;
import io.ganflow.testing.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A new replica replaying the checkpoint topic, against the real object store: its own listener, scan and registry
 * on a bucket of their own (a Quarkus test only so that PyTorch loads in the same class loader as the other tests).
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class CheckpointListenerTests {

    @Inject
    ServingConfig config;

    @Test
    void eventsReplayedDuringTheStartUpScanAreNotLoadedWhenTheStoreHasNewer() {
        String bucket = LocalInfrastructure.unique("listener-test");
        CheckpointStore store = new CheckpointStore(LocalInfrastructure.store(bucket));
        RunSpec spec = TestCheckpoints.spec(LocalInfrastructure.unique("replayed"));
        String first = TestCheckpoints.write(store, spec, 10);
        String second = TestCheckpoints.write(store, spec, 20);
        TestCheckpoints.write(store, spec, 30);
        MeterRegistry meters = new SimpleMeterRegistry();
        CheckpointLoader loader = new CheckpointLoader(store, meters, config);
        GeneratorRegistry registry = new GeneratorRegistry(config);
        StartupScan scan = new StartupScan(store, loader, registry);
        CheckpointListener listener = new CheckpointListener(loader, registry, scan, meters);

        // the topic's history arrives before the scan has got to the run
        listener.onCheckpoint(Json.read(TestCheckpoints.event(spec, 10, bucket, first), CheckpointEvent.class));
        listener.onCheckpoint(Json.read(TestCheckpoints.event(spec, 20, bucket, second), CheckpointEvent.class));
        scan.scan();

        assertEquals(Optional.of(30L), registry.servedStep(spec.runId()));
        assertEquals(1.0, meters.counter("ganflow.sampler.checkpoints.loaded").count(), "checkpoints loaded");
    }
}
