package io.ganflow.models.training;

import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.RunSpec;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.models.classifier.ClassifierTraining;
import java.util.function.Function;

/** Builds a run's training for its model family: new, or from a checkpoint's parts. */
public final class RunTrainings {

    private RunTrainings() {}

    /** Fresh networks for {@code spec}. */
    public static RunTraining start(RunSpec spec) {
        Catalog.Model family = family(spec);
        if (family.isGan()) {
            return GanTraining.start(spec);
        }
        return ClassifierTraining.start(shape(family), spec.learningRate(), spec.epochs(), spec.seed());
    }

    /** The training a checkpoint saved; {@code parts} reads a part by name (and throws when it cannot). */
    public static RunTraining resume(RunSpec spec, Function<String, byte[]> parts) {
        Catalog.Model family = family(spec);
        if (family.isGan()) {
            return GanTraining.resume(
                    spec,
                    new TrainingSnapshot(
                            parts.apply(CheckpointParts.GENERATOR),
                            parts.apply(CheckpointParts.DISCRIMINATOR),
                            parts.apply(CheckpointParts.GENERATOR_OPTIMIZER),
                            parts.apply(CheckpointParts.DISCRIMINATOR_OPTIMIZER)));
        }
        return ClassifierTraining.resume(
                shape(family),
                spec.learningRate(),
                spec.epochs(),
                spec.seed(),
                parts.apply(CheckpointParts.CLASSIFIER),
                parts.apply(CheckpointParts.CLASSIFIER_OPTIMIZER));
    }

    /**
     * The classifier shape of a classifier family: its image shape and its 10 outputs (a data set of fewer classes
     * uses the first of them).
     */
    public static ClassifierShape shape(Catalog.Model family) {
        return new ClassifierShape(family.channels(), family.side(), Catalog.CLASSIFIER_CLASSES);
    }

    private static Catalog.Model family(RunSpec spec) {
        return Catalog.model(spec.model())
                .orElseThrow(() -> new IllegalArgumentException("no model family named " + spec.model()));
    }
}
