package io.ganflow.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.Json;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store is the record of the runs: a run recorded there whose start command never came (the broker lost it, the
 * gateway died after recording it) is started by the trainer that owns its partition; a run that failed or was
 * stopped is not, whatever trainer restarts.
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class ReconciliationTests {

    private static final RunSpecStore SPECS = new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));

    private static List<EpochRequest> requests(String runId, Duration timeout) {
        return KafkaTestClient.await(EpochRequest.TOPIC, r -> runId.equals(r.key()), 1, timeout).stream()
                .map(r -> Json.read(r.value(), EpochRequest.class))
                .toList();
    }

    @Test
    void aRunRecordedButNeverStartedIsStartedByTheTrainerThatOwnsItsPartition() {
        String lost = LocalInfrastructure.unique("lost-start");
        SPECS.save(IsolatedStoreProfile.spec(lost)); // and no start command
        List<EpochRequest> asked = requests(lost, Duration.ofSeconds(60));
        // at least once: when its batches do not come within the stall time (no dataset-service here) it asks again
        assertFalse(asked.isEmpty(), "the run was taken up");
        assertEquals(0, asked.get(0).epoch());
        assertEquals(0, asked.get(0).firstBatch());
    }

    @Test
    void aRunThatFailedOrWasStoppedIsNeverTakenUp() {
        String failed = LocalInfrastructure.unique("failed");
        SPECS.save(IsolatedStoreProfile.spec(failed));
        SPECS.markFailed(failed, "its data set cannot be read");
        String stopped = LocalInfrastructure.unique("stopped");
        SPECS.save(IsolatedStoreProfile.spec(stopped));
        SPECS.markStopped(stopped);
        String lost = LocalInfrastructure.unique("lost-start");
        SPECS.save(IsolatedStoreProfile.spec(lost));

        // by the time the lost run is taken up, the store was looked through with the other two in it
        assertFalse(requests(lost, Duration.ofSeconds(60)).isEmpty());
        Duration intervals = Duration.ofSeconds(3L * IsolatedStoreProfile.RECONCILE_SECONDS);
        assertTrue(requests(failed, intervals).isEmpty(), "a failed run is not taken up");
        assertTrue(requests(stopped, Duration.ofSeconds(1)).isEmpty(), "a stopped run is not taken up");
    }
}
