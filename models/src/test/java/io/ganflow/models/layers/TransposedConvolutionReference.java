package io.ganflow.models.layers;

/**
 * The tutorial's first definition of transposed convolution, in plain Java and float64: each input element multiplies
 * the whole kernel and the product is added into the output at stride steps, overlaps summed; then {@code padding}
 * rows and columns are cut from every edge.
 */
final class TransposedConvolutionReference {

    private TransposedConvolutionReference() {}

    /** input [n][in][h][w], weight [in][out][k][k], bias [out]; returns [n][out][h'][w']. */
    static double[][][][] compute(double[][][][] input, double[][][][] weight, double[] bias, int stride, int padding) {
        int n = input.length;
        int in = input[0].length;
        int h = input[0][0].length;
        int w = input[0][0][0].length;
        int out = weight[0].length;
        int k = weight[0][0].length;
        int fullH = (h - 1) * stride + k;
        int fullW = (w - 1) * stride + k;
        double[][][][] result = new double[n][out][fullH - 2 * padding][fullW - 2 * padding];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < out; o++) {
                double[][] full = new double[fullH][fullW];
                for (int c = 0; c < in; c++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            double value = input[b][c][y][x];
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    full[y * stride + ky][x * stride + kx] += value * weight[c][o][ky][kx];
                                }
                            }
                        }
                    }
                }
                for (int y = 0; y < result[b][o].length; y++) {
                    for (int x = 0; x < result[b][o][y].length; x++) {
                        result[b][o][y][x] = full[y + padding][x + padding] + bias[o];
                    }
                }
            }
        }
        return result;
    }
}
