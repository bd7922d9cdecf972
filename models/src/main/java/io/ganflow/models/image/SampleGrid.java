package io.ganflow.models.image;

/** The conditional model's sample grid: one row per class, {@code columns} images per row. */
public final class SampleGrid {

    private SampleGrid() {}

    public static long[] labels(int classes, int columns) {
        long[] labels = new long[classes * columns];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / columns;
        }
        return labels;
    }

    public static long[] ofClass(int classId, int count) {
        long[] labels = new long[count];
        java.util.Arrays.fill(labels, classId);
        return labels;
    }
}
