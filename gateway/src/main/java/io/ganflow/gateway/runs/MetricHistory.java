package io.ganflow.gateway.runs;

import io.ganflow.events.TrainingMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's metrics points, at most {@code capacity} of them, covering the whole run: when full, the older half is
 * thinned to every other point, so a long run keeps its early curve at a coarser step instead of losing it. The
 * latest points stay dense. Not thread-safe: callers hold its lock.
 */
final class MetricHistory {

    private final int capacity;
    private final List<TrainingMetrics> points = new ArrayList<>();

    MetricHistory(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("a history of at least 4 points, not " + capacity);
        }
        this.capacity = capacity;
    }

    void add(TrainingMetrics point) {
        if (!points.isEmpty() && point.step() <= points.get(points.size() - 1).step()) {
            return; // replayed or out of order: the curve only moves forward
        }
        points.add(point);
        if (points.size() > capacity) {
            int half = points.size() / 2;
            List<TrainingMetrics> thinned = new ArrayList<>(capacity);
            for (int i = 0; i < half; i += 2) {
                thinned.add(points.get(i));
            }
            thinned.addAll(points.subList(half, points.size()));
            points.clear();
            points.addAll(thinned);
        }
    }

    List<TrainingMetrics> points() {
        return List.copyOf(points);
    }
}
