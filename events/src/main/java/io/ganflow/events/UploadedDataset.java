package io.ganflow.events;

import java.util.List;

/**
 * A data set a user uploaded, as the object store records it once it was read and validated: its image shape, its
 * classes (label i is {@code classes[i]}) with the number of images of each, the files that were skipped and why,
 * and the size and SHA-256 of its pixel and label objects.
 *
 * @param heldOutEvery within each class, in stored order, every {@code heldOutEvery}-th image is held out: never
 *     trained on, what the data set's reference classifier is tested on and generated images are compared with (as a
 *     built-in data set's test split). Null in data sets uploaded before held-out splits, which train on all their
 *     images and have none; none either when a class has fewer images than this.
 */
public record UploadedDataset(
        int version,
        String name,
        int channels,
        int side,
        List<String> classes,
        List<Integer> counts,
        List<String> skipped,
        long pixelBytes,
        String pixelsSha256,
        String labelsSha256,
        long uploadedMillis,
        Integer heldOutEvery) {

    public static final int VERSION = 1;
    /** One image in 7 held out: Fashion-MNIST's share (10,000 of 70,000). */
    public static final int HELD_OUT_EVERY = 7;

    /** All images stored, held-out ones included. */
    public int images() {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    public boolean hasHeldOut() {
        return heldOutEvery != null && heldOutEvery >= 2 && counts.stream().allMatch(count -> count >= heldOutEvery);
    }

    /** Whether the image at {@code indexInClass} (0 = the class's first in stored order) is held out. */
    public boolean isHeldOut(int indexInClass) {
        return hasHeldOut() && indexInClass % heldOutEvery == heldOutEvery - 1;
    }

    /** Images of each class that runs train on. */
    public List<Integer> trainingCounts() {
        return counts.stream().map(count -> count - heldOut(count)).toList();
    }

    /** Held-out images of each class (all 0 without a held-out split). */
    public List<Integer> heldOutCounts() {
        return counts.stream().map(this::heldOut).toList();
    }

    private int heldOut(int count) {
        return hasHeldOut() ? count / heldOutEvery : 0;
    }
}
