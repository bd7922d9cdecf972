package io.ganflow.models.training;

/**
 * The figures of one GAN step, as pytorch/examples' DCGAN logs them.
 *
 * @param dReal mean D(x) on the real batch
 * @param dFake mean D(G(z)) on the generated batch, before the discriminator's update
 */
public record StepResult(double lossD, double lossG, double dReal, double dFake) {}
