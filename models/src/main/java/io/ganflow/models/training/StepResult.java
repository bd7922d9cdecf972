package io.ganflow.models.training;

/**
 * The figures of one GAN step, as pytorch/examples' DCGAN logs them. A classifier's step gives its loss as
 * {@code lossD} and its batch accuracy as {@code dReal} (see {@code TrainingMetrics}).
 *
 * @param dReal mean D(x) on the real batch
 * @param dFake mean D(G(z)) on the generated batch, before the discriminator's update
 */
public record StepResult(double lossD, double lossG, double dReal, double dFake) {}
