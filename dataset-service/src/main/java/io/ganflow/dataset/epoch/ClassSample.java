package io.ganflow.dataset.epoch;

import io.ganflow.dataset.idx.LabelledImages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A sample of a data set with exactly the asked-for number of images of each class, drawn without replacement and
 * the same for the same seed: the real side of a Classification Accuracy Score, as many real images of each class as
 * the synthetic set has. Images come out class by class, in the order drawn.
 */
public final class ClassSample {

    private ClassSample() {}

    /** Why {@code counts} cannot be drawn from {@code images}, or empty when it can. */
    public static Optional<String> problem(LabelledImages images, int[] counts) {
        if (counts.length == 0 || counts.length > images.classes()) {
            return Optional.of("counts must give 1 to " + images.classes() + " classes, gave " + counts.length);
        }
        if (Arrays.stream(counts).allMatch(count -> count == 0)) {
            return Optional.of("counts must ask for at least one image");
        }
        int[] available = perClass(images);
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < 0 || counts[c] > available[c]) {
                return Optional.of("class " + c + " has " + available[c] + " images, " + counts[c] + " were asked for");
            }
        }
        return Optional.empty();
    }

    /** The sample; {@link #problem} must be empty. */
    public static LabelledImages draw(LabelledImages images, int[] counts, long seed) {
        problem(images, counts).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < images.count(); i++) {
            int label = images.labels()[i];
            if (label < counts.length) {
                byClass.get(label).add(i);
            }
        }
        int total = 0;
        for (int count : counts) {
            total += count;
        }
        int imageBytes = images.channels() * images.height() * images.width();
        byte[] pixels = new byte[total * imageBytes];
        int[] labels = new int[total];
        Random random = new Random(seed);
        int next = 0;
        for (int c = 0; c < counts.length; c++) {
            List<Integer> pool = byClass.get(c);
            // a partial Fisher-Yates shuffle: the first counts[c] of the pool, drawn without replacement
            for (int k = 0; k < counts[c]; k++) {
                int pick = k + random.nextInt(pool.size() - k);
                int image = pool.get(pick);
                pool.set(pick, pool.get(k));
                pool.set(k, image);
                System.arraycopy(images.pixels(), image * imageBytes, pixels, next * imageBytes, imageBytes);
                labels[next++] = c;
            }
        }
        return new LabelledImages(
                images.name(), images.classes(), images.channels(), images.height(), images.width(), pixels, labels);
    }

    private static int[] perClass(LabelledImages images) {
        int[] available = new int[images.classes()];
        for (int label : images.labels()) {
            if (label >= 0 && label < available.length) {
                available[label]++;
            }
        }
        return available;
    }
}
