package io.ganflow.dataset.epoch;

import io.ganflow.dataset.idx.LabelledImages;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The data sets held in memory, within a budget of bytes: past it, the least recently used are dropped (and read
 * again from their files or the store when next asked for). A data set larger than the whole budget is never kept.
 */
final class DatasetCache {

    private final long budgetBytes;
    private final Map<String, LabelledImages> byName = new LinkedHashMap<>(8, 0.75f, true);
    private long keptBytes;

    DatasetCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    synchronized Optional<LabelledImages> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    synchronized void put(LabelledImages images) {
        long size = bytes(images);
        if (size > budgetBytes) {
            return;
        }
        LabelledImages replaced = byName.put(images.name(), images);
        keptBytes += size - (replaced == null ? 0 : bytes(replaced));
        Iterator<LabelledImages> eldest = byName.values().iterator();
        while (keptBytes > budgetBytes && eldest.hasNext()) {
            LabelledImages dropped = eldest.next();
            if (dropped != images) {
                keptBytes -= bytes(dropped);
                eldest.remove();
            }
        }
    }

    synchronized long keptBytes() {
        return keptBytes;
    }

    private static long bytes(LabelledImages images) {
        return images.pixels().length + 4L * images.labels().length;
    }
}
