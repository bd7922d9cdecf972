package io.ganflow.sampler.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.RunSpec;
import io.ganflow.store.CheckpointStore;
import io.ganflow.testing.LocalInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A sampler keeps only as many generators as its memory budget holds, and still serves every run: one unloaded to
 * make room is loaded again from the store when asked for. Its own registry and store bucket (a Quarkus test only
 * so that PyTorch loads in the same class loader as the other tests).
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class GeneratorBudgetTests {

    /** Room for one cGAN generator (4.7 MB of parameters), not two. */
    private static final ServingConfig ONE_GENERATOR = new ServingConfig() {
        @Override
        public int generatorBudgetMb() {
            return 6;
        }

        @Override
        public int queuedPasses() {
            return 16;
        }
    };

    @Test
    void theLeastRecentlyUsedGeneratorIsUnloadedPastTheBudgetAndLoadsAgainWhenAskedFor() {
        String bucket = LocalInfrastructure.unique("budget-test");
        CheckpointStore store = new CheckpointStore(LocalInfrastructure.store(bucket));
        RunSpec first = TestCheckpoints.spec(LocalInfrastructure.unique("first"));
        RunSpec second = TestCheckpoints.spec(LocalInfrastructure.unique("second"));
        TestCheckpoints.write(store, first, 10);
        TestCheckpoints.write(store, second, 20);
        MeterRegistry meters = new SimpleMeterRegistry();
        CheckpointLoader loader = new CheckpointLoader(store, meters, ONE_GENERATOR);
        GeneratorRegistry registry = new GeneratorRegistry(ONE_GENERATOR);
        PinnedGenerators generators = new PinnedGenerators(registry, loader);

        assertTrue(registry.offerIfRoom(loader.loadLatest(first.runId()).orElseThrow()));
        assertTrue(
                !registry.offerIfRoom(loader.loadLatest(second.runId()).orElseThrow()),
                "the start-up scan stops at the first generator that does not fit");
        assertEquals(Optional.of(10L), registry.servedStep(first.runId()));
        registry.offer(loader.loadLatest(second.runId()).orElseThrow());
        assertEquals(Optional.empty(), registry.servedStep(first.runId()), "the first run's generator was unloaded");
        assertEquals(Optional.of(20L), registry.servedStep(second.runId()));

        Optional<Long> served = generators.withGenerator(first.runId(), null, generator -> generator.step());
        assertEquals(Optional.of(10L), served, "a request for the unloaded run loads it again");
        assertEquals(Optional.empty(), registry.servedStep(second.runId()), "and the other makes room");
        assertEquals(
                Optional.empty(),
                generators.withGenerator("never-trained", null, generator -> generator.step()),
                "a run without checkpoints has no generator to load");
        assertEquals(4.0, meters.counter("ganflow.sampler.checkpoints.loaded").count());
    }
}
