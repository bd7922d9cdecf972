package io.ganflow.gateway.synthetic;

import io.ganflow.events.AliasMove;
import io.ganflow.events.Catalog;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.gateway.http.WholeNumber;
import io.ganflow.gateway.quality.CheckpointQualities;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a client asks for: a run (and a step), or a registered model by name (and an alias); either {@code counts} per
 * class or the same {@code imagesPerClass} for every class.
 */
@Schema(
        description = "A synthetic labelled data set from a run's generator, or from the version a model's alias "
                + "points to",
        example =
                "{\"runId\":\"cgan-1a2b3c4d\",\"step\":\"best\",\"imagesPerClass\":100,\"format\":\"png-zip\",\"seed\":7,"
                        + "\"score\":true}")
public record CreateSyntheticDataset(
        @Schema(description = "a run of a conditional model with at least one checkpoint; or give model instead")
        String runId,

        @Schema(
                description =
                        "a registered model, instead of runId: its alias' version answers, and the job records it")
        String model,

        // no schema default: generated clients would send it with every request, naming a run too
        @Schema(description = "the model's alias (only with model); " + AliasMove.PRODUCTION + " when absent")
        String alias,

        @Schema(
                description = "checkpoint step (a number), or \"best\": the stored checkpoint with the lowest FCD; the "
                        + "latest when absent",
                oneOf = {Long.class, String.class})
        Object step,

        @Schema(description = "images of each class, class 0 first")
        List<Integer> counts,

        @Schema(description = "images of every class, instead of counts")
        @WholeNumber(min = 1, max = CreateSyntheticDataset.MAX_IMAGES_PER_CLASS)
        Integer imagesPerClass,

        @Schema(
                description = "png-zip (PNGs and labels.csv) or idx (Fashion-MNIST's IDX files)",
                enumeration = {SyntheticDatasetRequest.PNG_ZIP, SyntheticDatasetRequest.IDX},
                defaultValue = SyntheticDatasetRequest.PNG_ZIP)
        String format,

        @Schema(description = "the same request and seed give the same data set", defaultValue = "0")
        Long seed,

        @Schema(
                description = "also measure a Classification Accuracy Score once it is made: a classifier trained on "
                        + "it and one on as many real images, both tested on the real held-out split (minutes)",
                defaultValue = "false")
        Boolean score) {

    /** The most images of one class a request may ask for with {@code imagesPerClass}. */
    public static final int MAX_IMAGES_PER_CLASS = SyntheticDatasetRequest.MAX_IMAGES / Catalog.CONDITIONAL_CLASSES;

    /** What is wrong with the body beyond its fields' own constraints, or empty. */
    Optional<String> problem() {
        if ((counts == null) == (imagesPerClass == null)) {
            return Optional.of("give either counts (images of each class) or imagesPerClass, not "
                    + (counts == null ? "neither" : "both"));
        }
        if ((runId == null) == (model == null)) {
            return Optional.of("give either runId or model (a registered model, with an alias), not "
                    + (runId == null ? "neither" : "both"));
        }
        if (model != null && step != null) {
            return Optional.of("step must be absent with model: the version its alias points to fixes it");
        }
        if (step != null && !asksForBest() && !(step instanceof Integer || step instanceof Long)) {
            return Optional.of("step must be a checkpoint step (a whole number, 0 or more) or \"best\", was " + step);
        }
        return Optional.empty();
    }

    /** Whether the caller asked for the best measured checkpoint rather than a step or the latest. */
    boolean asksForBest() {
        return CheckpointQualities.BEST.equals(step);
    }

    /**
     * The step number given, or null when none was (the latest) or it is "best" (which the gateway resolves). JSON
     * gives {@code step} as an Integer or Long when it is a whole number ({@link #problem} refuses anything else).
     */
    Long stepNumber() {
        return step instanceof Number number ? number.longValue() : null;
    }

    /** The request, at {@code step}: the number given, the best checkpoint's, or null for the latest. */
    SyntheticDatasetRequest toRequest(String requestId, Long step) {
        List<Integer> perClass =
                counts != null ? counts : Collections.nCopies(Catalog.CONDITIONAL_CLASSES, imagesPerClass);
        return new SyntheticDatasetRequest(
                SyntheticDatasetRequest.VERSION,
                requestId,
                runId,
                step,
                perClass,
                format == null ? SyntheticDatasetRequest.PNG_ZIP : format,
                seed == null ? 0L : seed,
                Boolean.TRUE.equals(score),
                model,
                alias,
                null);
    }
}
