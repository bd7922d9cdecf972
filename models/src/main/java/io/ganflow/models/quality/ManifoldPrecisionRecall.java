package io.ganflow.models.quality;

import java.util.Arrays;

/**
 * Improved precision and recall (Kynkäänniemi et al., 2019) in a classifier's feature space. Each set's manifold is
 * the union of balls around its points, each reaching that point's k-th nearest neighbour in the same set.
 * Precision: the share of generated images inside the real manifold (are they realistic?). Recall: the share of real
 * images inside the generated manifold (is the real variety covered?). A collapsed generator keeps its precision and
 * loses its recall; FCD alone mixes the two.
 *
 * @param k the neighbour whose distance is each ball's radius (3, the paper's choice)
 */
public record ManifoldPrecisionRecall(double precision, double recall, int k) {

    public static final int K = 3;

    /** Both figures for {@code real} and {@code generated} feature vectors (ideally as many of each). */
    public static ManifoldPrecisionRecall of(double[][] real, double[][] generated, int k) {
        if (real.length <= k || generated.length <= k) {
            throw new IllegalArgumentException(
                    "each set needs more than k = " + k + " points, had " + real.length + " and " + generated.length);
        }
        double[] realRadii = kthNeighbourDistances(real, k);
        double[] generatedRadii = kthNeighbourDistances(generated, k);
        return new ManifoldPrecisionRecall(
                shareInside(generated, real, realRadii), shareInside(real, generated, generatedRadii), k);
    }

    /** Squared distance from each point to its k-th nearest other point of the same set. */
    private static double[] kthNeighbourDistances(double[][] points, int k) {
        double[] radii = new double[points.length];
        double[] distances = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < points.length; j++) {
                distances[j] = squaredDistance(points[i], points[j]);
            }
            distances[i] = Double.POSITIVE_INFINITY; // not its own neighbour
            double[] sorted = distances.clone();
            Arrays.sort(sorted);
            radii[i] = sorted[k - 1];
        }
        return radii;
    }

    /** The share of {@code points} inside at least one ball of {@code manifold} (centres with squared radii). */
    private static double shareInside(double[][] points, double[][] manifold, double[] squaredRadii) {
        int inside = 0;
        for (double[] point : points) {
            for (int m = 0; m < manifold.length; m++) {
                if (squaredDistance(point, manifold[m]) <= squaredRadii[m]) {
                    inside++;
                    break;
                }
            }
        }
        return inside / (double) points.length;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
