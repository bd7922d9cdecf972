package io.ganflow.events;

/**
 * The numbers a checkpoint was trained on: how its process computed convolutions and on what. Two checkpoints of one
 * run resumed on another machine are bit-exact only where these agree (README, "Numerics").
 *
 * @param kernels the convolution kernels' id, e.g. "vendor" (oneDNN on a CPU), "vendor-padded", "pytorch"
 * @param checked whether every layer was checked against float64 before training (false: self-test switched off)
 * @param machine e.g. "cpu(): AMD EPYC (family 25, model 17), 2 cores, ..., AVX512, PyTorch 2.7.1, oneDNN v3.7.1"
 */
public record NumericsProvenance(String kernels, boolean checked, String machine) {}
