package io.ganflow.trainer.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CheckpointRetentionTest {

    /**
     * Epochs of 469 steps, a checkpoint every 100 steps and at each epoch's end: steps 100..400 go on with epoch 0,
     * 469 (epoch 0's end) with epoch 1, 500..900 with 1, 938 (epoch 1's end) with 2, 1000 with 2.
     */
    private static SortedMap<Long, Integer> twoEpochsAndABit() {
        SortedMap<Long, Integer> checkpoints = new TreeMap<>();
        for (long step : new long[] {100, 200, 300, 400}) {
            checkpoints.put(step, 0);
        }
        checkpoints.put(469L, 1);
        for (long step : new long[] {500, 600, 700, 800, 900}) {
            checkpoints.put(step, 1);
        }
        checkpoints.put(938L, 2);
        checkpoints.put(1000L, 2);
        return checkpoints;
    }

    @Test
    void keepsTheLatestEveryEpochsEndAndWhatIsPinned() {
        assertEquals(
                Set.of(200L, 469L, 900L, 938L, 1000L),
                CheckpointRetention.kept(twoEpochsAndABit(), Set.of(200L), 3, 1));
    }

    @Test
    void epochEndsCanBeThinned() {
        assertEquals(Set.of(938L, 1000L), CheckpointRetention.kept(twoEpochsAndABit(), Set.of(), 2, 2));
    }

    @Test
    void aRunWithFewCheckpointsKeepsThemAll() {
        SortedMap<Long, Integer> two = new TreeMap<>(java.util.Map.of(2L, 0, 3L, 1));
        assertEquals(Set.of(2L, 3L), CheckpointRetention.kept(two, Set.of(), 3, 1));
    }
}
