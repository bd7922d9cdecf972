package io.ganflow.dataset.epoch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.events.ImageBatch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochPlanTest {

    /** 100 tiny images whose single pixel is their index, labelled index % 10. */
    private static final LabelledImages DATA;

    static {
        byte[] pixels = new byte[100];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            pixels[i] = (byte) i;
            labels[i] = i % 10;
        }
        DATA = new LabelledImages("tiny", 10, 1, 1, 1, pixels, labels);
    }

    @Test
    void theSameSeedAndEpochGiveTheSameOrder() {
        assertArrayEquals(
                new EpochPlan(DATA, "r", 3, 10, 42, 0).order(), new EpochPlan(DATA, "r", 3, 10, 42, 0).order());
    }

    @Test
    void epochsAndSeedsShuffleDifferently() {
        int[] epoch0 = new EpochPlan(DATA, "r", 0, 10, 42, 0).order();
        assertFalse(Arrays.equals(epoch0, new EpochPlan(DATA, "r", 1, 10, 42, 0).order()));
        assertFalse(Arrays.equals(epoch0, new EpochPlan(DATA, "r", 0, 10, 43, 0).order()));
    }

    @Test
    void anEpochVisitsEveryImageOnce() {
        int[] order = new EpochPlan(DATA, "r", 5, 10, 1, 0).order();
        Arrays.sort(order);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, order[i]);
        }
    }

    @Test
    void batchesCarryTheImagesAndLabelsOfTheirPlace() {
        EpochPlan plan = new EpochPlan(DATA, "r", 2, 8, 9, 0);
        assertEquals(12, plan.batches()); // 100 / 8, the incomplete last batch dropped
        ImageBatch batch = plan.batch(3);
        int[] order = plan.order();
        for (int i = 0; i < 8; i++) {
            int image = order[3 * 8 + i];
            assertEquals(image, Byte.toUnsignedInt(batch.pixels()[i]));
            assertEquals(image % 10, batch.labels()[i]);
        }
        assertEquals(2, batch.epoch());
        assertEquals(12, batch.batchesInEpoch());
    }

    @Test
    void aLimitUsesOnlyTheFirstImages() {
        EpochPlan plan = new EpochPlan(DATA, "r", 0, 16, 9, 40);
        assertEquals(2, plan.batches());
        assertEquals(39, Arrays.stream(plan.order()).max().orElseThrow());
    }
}
