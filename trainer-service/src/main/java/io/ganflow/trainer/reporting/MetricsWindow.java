package io.ganflow.trainer.reporting;

import io.ganflow.models.training.StepResult;

/** Averages of the steps since the last report, and the training speed over them. */
public final class MetricsWindow {

    private long started = System.nanoTime();
    private int steps;
    private long images;
    private double lossD;
    private double lossG;
    private double dReal;
    private double dFake;

    public void add(StepResult result, int batchSize) {
        steps++;
        images += batchSize;
        lossD += result.lossD();
        lossG += result.lossG();
        dReal += result.dReal();
        dFake += result.dFake();
    }

    public boolean isEmpty() {
        return steps == 0;
    }

    /** The window's averages; starts a new window. */
    public Averages drain() {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        Averages averages = new Averages(lossD / steps, lossG / steps, dReal / steps, dFake / steps, images / seconds);
        started = System.nanoTime();
        steps = 0;
        images = 0;
        lossD = lossG = dReal = dFake = 0;
        return averages;
    }

    public record Averages(double lossD, double lossG, double dReal, double dFake, double imagesPerSecond) {}
}
