package io.ganflow.dataset.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.dataset.idx.LabelledImages;
import org.junit.jupiter.api.Test;

class DatasetCacheTest {

    private static LabelledImages images(String name, int count) {
        return new LabelledImages(name, 10, 1, 10, 10, new byte[count * 100], new int[count]);
    }

    @Test
    void theLeastRecentlyUsedDataSetsGoFirstOnceTheBudgetIsFull() {
        DatasetCache cache = new DatasetCache(3 * 104 * 10); // three data sets of 10 images
        cache.put(images("a", 10));
        cache.put(images("b", 10));
        cache.put(images("c", 10));
        assertTrue(cache.get("a").isPresent()); // a is now more recent than b
        cache.put(images("d", 10));
        assertTrue(cache.get("b").isEmpty(), "b was the least recently used");
        assertTrue(cache.get("a").isPresent()
                && cache.get("c").isPresent()
                && cache.get("d").isPresent());
        assertEquals(3 * 1040, cache.keptBytes());
    }

    @Test
    void aDataSetLargerThanTheBudgetIsNotKeptAndDropsNothing() {
        DatasetCache cache = new DatasetCache(1040);
        cache.put(images("small", 10));
        cache.put(images("huge", 1000));
        assertTrue(cache.get("huge").isEmpty());
        assertTrue(cache.get("small").isPresent());
    }
}
