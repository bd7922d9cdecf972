package io.ganflow.models.quality;

/**
 * The Fréchet distance between two Gaussians, as FID computes it (Heusel et al. 2017):
 * |m1 - m2|² + Tr(S1 + S2 - 2 (S1 S2)^½). The trace of (S1 S2)^½ is taken as the trace of the square root of the
 * symmetric S1^½ S2 S1^½, which has the same eigenvalues; negative ones (rounding) count as zero.
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    public static double between(FeatureStatistics a, FeatureStatistics b) {
        int d = a.dimensions();
        if (b.dimensions() != d) {
            throw new IllegalArgumentException("features of " + d + " and " + b.dimensions() + " dimensions");
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = a.mean()[i] - b.mean()[i];
            meanTerm += diff * diff;
        }
        double traces = 0;
        for (int i = 0; i < d; i++) {
            traces += a.covariance()[i][i] + b.covariance()[i][i];
        }
        double[][] rootA = squareRoot(a.covariance());
        double[][] product = multiply(multiply(rootA, b.covariance()), rootA);
        symmetrise(product);
        double traceOfRoot = 0;
        for (double value : SymmetricEigen.of(product).values()) {
            traceOfRoot += Math.sqrt(Math.max(0, value));
        }
        return Math.max(0, meanTerm + traces - 2 * traceOfRoot);
    }

    /** The symmetric positive semi-definite square root: V diag(sqrt(max(λ, 0))) Vᵀ. */
    static double[][] squareRoot(double[][] symmetric) {
        SymmetricEigen.Decomposition eigen = SymmetricEigen.of(symmetric);
        int d = symmetric.length;
        double[][] root = new double[d][d];
        for (int k = 0; k < d; k++) {
            double scale = Math.sqrt(Math.max(0, eigen.values()[k]));
            double[] v = eigen.vectors()[k];
            for (int i = 0; i < d; i++) {
                double vi = v[i] * scale;
                for (int j = 0; j < d; j++) {
                    root[i][j] += vi * v[j];
                }
            }
        }
        return root;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += xik * y[k][j];
                }
            }
        }
        return out;
    }

    private static void symmetrise(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            for (int j = i + 1; j < m.length; j++) {
                double mean = (m[i][j] + m[j][i]) / 2;
                m[i][j] = mean;
                m[j][i] = mean;
            }
        }
    }
}
