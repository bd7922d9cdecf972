package io.ganflow.models.quality;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians, as FID computes it (Heusel et al. 2017):
 * |m1 - m2|² + Tr(S1 + S2 - 2 (S1 S2)^½). The trace of (S1 S2)^½ is taken as the trace of the square root of the
 * symmetric S1^½ S2 S1^½, which has the same eigenvalues; negative ones (rounding) count as zero. The linear algebra
 * is EJML's.
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
        DMatrixRMaj covarianceA = new DMatrixRMaj(a.covariance());
        DMatrixRMaj covarianceB = new DMatrixRMaj(b.covariance());
        DMatrixRMaj rootA = squareRoot(covarianceA);
        DMatrixRMaj product =
                symmetrised(CommonOps_DDRM.mult(CommonOps_DDRM.mult(rootA, covarianceB, null), rootA, null));
        double traceOfRoot = 0;
        EigenDecomposition_F64<DMatrixRMaj> eigen = symmetricEigen(product, false);
        for (int k = 0; k < d; k++) {
            traceOfRoot += Math.sqrt(Math.max(0, eigen.getEigenvalue(k).getReal()));
        }
        double traces = CommonOps_DDRM.trace(covarianceA) + CommonOps_DDRM.trace(covarianceB);
        return Math.max(0, meanTerm + traces - 2 * traceOfRoot);
    }

    /** The symmetric positive semi-definite square root: V diag(sqrt(max(λ, 0))) Vᵀ. */
    static DMatrixRMaj squareRoot(DMatrixRMaj symmetric) {
        int d = symmetric.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eigen = symmetricEigen(symmetric, true);
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double scale = Math.sqrt(Math.max(0, eigen.getEigenvalue(k).getReal()));
            DMatrixRMaj v = eigen.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                double vi = v.get(i) * scale;
                for (int j = 0; j < d; j++) {
                    root.add(i, j, vi * v.get(j));
                }
            }
        }
        return root;
    }

    private static EigenDecomposition_F64<DMatrixRMaj> symmetricEigen(DMatrixRMaj symmetric, boolean vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(symmetric.numRows, vectors, true);
        if (!eigen.decompose(symmetric.copy())) {
            throw new ArithmeticException("the eigen-decomposition of a " + symmetric.numRows + "x" + symmetric.numCols
                    + " covariance did not converge");
        }
        return eigen;
    }

    /** (M + Mᵀ) / 2: a product of symmetric matrices is symmetric but for rounding. */
    private static DMatrixRMaj symmetrised(DMatrixRMaj m) {
        DMatrixRMaj sum = CommonOps_DDRM.add(m, CommonOps_DDRM.transpose(m, null), null);
        CommonOps_DDRM.scale(0.5, sum);
        return sum;
    }
}
