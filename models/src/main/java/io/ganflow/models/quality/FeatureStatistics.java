package io.ganflow.models.quality;

/** The mean and covariance (unbiased, n - 1) of a set of feature vectors: the Gaussian that FID-style scores compare. */
public record FeatureStatistics(int count, double[] mean, double[][] covariance) {

    public static FeatureStatistics of(double[][] features) {
        int n = features.length;
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs 2+ feature vectors, got " + n);
        }
        int d = features[0].length;
        double[] mean = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : features) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                for (int j = i; j < d; j++) {
                    covariance[i][j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                covariance[i][j] /= n - 1;
                covariance[j][i] = covariance[i][j];
            }
        }
        return new FeatureStatistics(n, mean, covariance);
    }

    public int dimensions() {
        return mean.length;
    }
}
