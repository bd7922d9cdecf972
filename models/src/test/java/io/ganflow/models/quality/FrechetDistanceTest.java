package io.ganflow.models.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against its closed forms, and the matrix square root under it against its definition. */
class FrechetDistanceTest {

    @Test
    void diagonalGaussiansHaveTheClosedForm() {
        // for diagonal covariances the distance is |m1 - m2|² + Σ (σ1 - σ2)²
        double[] mean1 = {0, 1, 2};
        double[] mean2 = {1, 1, 0};
        double[] variance1 = {1, 4, 9};
        double[] variance2 = {4, 4, 1};
        double expected = 1 + 0 + 4 + (1 - 2) * (1 - 2) + 0 + (3 - 1) * (3 - 1);
        double actual = FrechetDistance.between(gaussian(mean1, variance1), gaussian(mean2, variance2));
        assertEquals(expected, actual, 1e-9);
    }

    @Test
    void aDistributionIsAtZeroFromItselfAndTheDistanceIsSymmetric() {
        FeatureStatistics a = FeatureStatistics.of(samples(new Random(1), 2_000, 16, 1.0));
        FeatureStatistics b = FeatureStatistics.of(samples(new Random(2), 2_000, 16, 1.5));
        assertEquals(0, FrechetDistance.between(a, a), 1e-8);
        assertEquals(FrechetDistance.between(a, b), FrechetDistance.between(b, a), 1e-8);
        assertTrue(FrechetDistance.between(a, b) > 1, "different spreads are apart");
    }

    @Test
    void rotatedCovariancesAreMeasuredAsWell() {
        // S1 = R diag(4, 1) Rᵀ for a 45° rotation and S2 = diag(4, 1): Tr((S1 S2)^½) from the eigenvalues of S1 S2
        double[][] s1 = {{2.5, 1.5}, {1.5, 2.5}};
        double[][] s2 = {{4, 0}, {0, 1}};
        // S1 S2 = [[10, 1.5], [6, 2.5]]: trace 12.5, determinant 16, eigenvalues (12.5 ± sqrt(92.25)) / 2
        double root = Math.sqrt(92.25);
        double traceOfRoot = Math.sqrt((12.5 + root) / 2) + Math.sqrt((12.5 - root) / 2);
        double expected = 5 + 5 - 2 * traceOfRoot;
        FeatureStatistics a = new FeatureStatistics(2, new double[2], s1);
        FeatureStatistics b = new FeatureStatistics(2, new double[2], s2);
        assertEquals(expected, FrechetDistance.between(a, b), 1e-9);
    }

    @Test
    void theSquareRootOfACovarianceSquaresBackToIt() {
        Random random = new Random(5);
        int n = 40;
        double[][] rows = samples(random, 200, n, 1.0);
        DMatrixRMaj covariance = new DMatrixRMaj(FeatureStatistics.of(rows).covariance());
        DMatrixRMaj root = FrechetDistance.squareRoot(covariance);
        DMatrixRMaj squared = CommonOps_DDRM.mult(root, root, null);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(covariance.get(i, j), squared.get(i, j), 1e-9, "root² at " + i + "," + j);
                assertEquals(root.get(i, j), root.get(j, i), 1e-12, "a symmetric root at " + i + "," + j);
            }
        }
    }

    private static FeatureStatistics gaussian(double[] mean, double[] variance) {
        double[][] covariance = new double[mean.length][mean.length];
        for (int i = 0; i < mean.length; i++) {
            covariance[i][i] = variance[i];
        }
        return new FeatureStatistics(1_000, mean, covariance);
    }

    private static double[][] samples(Random random, int count, int dimensions, double scale) {
        double[][] rows = new double[count][dimensions];
        for (double[] row : rows) {
            for (int j = 0; j < dimensions; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return rows;
    }
}
