package io.ganflow.gateway.datasets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.testing.LocalInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A data set name is held by one upload at a time, decided on the real broker. */
class DatasetNameClaimsTest {

    private static final DatasetNameClaims CLAIMS = new DatasetNameClaims(LocalInfrastructure.kafkaBootstrapServers());
    /** A second gateway replica's claims: it reads the same log with a reader of its own. */
    private static final DatasetNameClaims ELSEWHERE =
            new DatasetNameClaims(LocalInfrastructure.kafkaBootstrapServers());

    @AfterAll
    static void close() {
        CLAIMS.close();
        ELSEWHERE.close();
    }

    @Test
    void ofUploadsClaimingOneNameAtOnceExactlyOneHoldsIt() throws Exception {
        int claimants = 6;
        ExecutorService threads = Executors.newFixedThreadPool(claimants);
        try {
            for (int round = 0; round < 10; round++) {
                String name = LocalInfrastructure.unique("contested");
                CyclicBarrier start = new CyclicBarrier(claimants);
                List<Future<Optional<DatasetNameClaims.Claim>>> claims = new ArrayList<>();
                for (int i = 0; i < claimants; i++) {
                    DatasetNameClaims replica = i % 2 == 0 ? CLAIMS : ELSEWHERE;
                    claims.add(threads.submit(() -> {
                        start.await();
                        return replica.claim(name);
                    }));
                }
                int winners = 0;
                for (Future<Optional<DatasetNameClaims.Claim>> claim : claims) {
                    winners += claim.get().isPresent() ? 1 : 0;
                }
                assertTrue(winners == 1, "round " + round + ": " + winners + " uploads hold the name");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aReleasedNameCanBeClaimedAgainAndAHeldOneCannot() {
        String name = LocalInfrastructure.unique("released");
        DatasetNameClaims.Claim first = CLAIMS.claim(name).orElseThrow();
        assertTrue(CLAIMS.claim(name).isEmpty(), "held while its upload runs");
        assertTrue(ELSEWHERE.claim(name).isEmpty(), "held for every replica");
        CLAIMS.release(first);
        DatasetNameClaims.Claim second = CLAIMS.claim(name).orElseThrow();
        CLAIMS.release(first); // a stale release of the first claim does not free the second's hold
        assertTrue(CLAIMS.claim(name).isEmpty(), "still the second upload's");
        assertTrue(ELSEWHERE.claim(name).isEmpty(), "still the second upload's, for every replica");
        CLAIMS.release(second);
    }
}
