package io.ganflow.models.quality;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.unsafe_set(i, j, features[i][j] - mean[j]);
            }
        }
        DMatrixRMaj covariance = CommonOps_DDRM.multTransA(centred, centred, null);
        CommonOps_DDRM.divide(covariance, n - 1);
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = covariance.unsafe_get(i, j);
            }
        }
        return new FeatureStatistics(n, mean, rows);
    }

    public int dimensions() {
        return mean.length;
    }
}
