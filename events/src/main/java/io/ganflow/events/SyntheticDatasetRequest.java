package io.ganflow.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks for a synthetic labelled data set: {@code counts.get(c)} images of class {@code c} from a run's generator at
 * {@code step} (null: the checkpoint served when the job starts), written to the object store as {@code format}.
 * Keyed by request id on {@link #TOPIC}; the answers come on {@link SyntheticDatasetResult#TOPIC} under the same key.
 * The same request always gives the same bytes, so a request delivered twice is harmless.
 *
 * <p>Instead of a run, a request may name a registered {@code model} and one of its aliases: the sampler resolves it
 * to the version the alias points to when the job starts, and the job records that version, so the data set can be
 * traced to one checkpoint after the alias moves. (A request delivered twice across a move is made again from the
 * new version; its last result names the version its bytes came from.)
 *
 * @param score true asks for a Classification Accuracy Score of the data set once it is made (an evaluator trains a
 *     classifier on it and one on as many real images, answering on {@link SyntheticDatasetScore#TOPIC}); null or
 *     false: none (the field came after version 1's first producers)
 * @param model a registered model, instead of {@code runId}; null when the request names a run
 * @param alias the model's alias ({@link AliasMove#PRODUCTION} when null); only with {@code model}
 * @param modelVersion the version the alias was resolved to (set by whoever resolved it), null before
 */
public record SyntheticDatasetRequest(
        int version,
        String requestId,
        String runId,
        Long step,
        List<Integer> counts,
        String format,
        long seed,
        Boolean score,
        String model,
        String alias,
        Integer modelVersion) {

    public static final String TOPIC = "synthetic-dataset-requests";
    public static final int VERSION = 1;
    /** One PNG per image in a ZIP, with labels.csv (file,label). */
    public static final String PNG_ZIP = "png-zip";
    /** Fashion-MNIST's IDX files (images and labels, uncompressed) in a ZIP. */
    public static final String IDX = "idx";
    /** As many images as Fashion-MNIST's training set. */
    public static final int MAX_IMAGES = 60_000;

    /** A request is answered under its id, so without a valid one (or of an unknown version) it cannot be answered. */
    public SyntheticDatasetRequest {
        Fields.version(version, VERSION, "SyntheticDatasetRequest");
        Ids.check(requestId, "requestId");
    }

    /** A request of a run without a score. */
    public SyntheticDatasetRequest(
            int version, String requestId, String runId, Long step, List<Integer> counts, String format, long seed) {
        this(version, requestId, runId, step, counts, format, seed, null);
    }

    /** A request of a run. */
    public SyntheticDatasetRequest(
            int version,
            String requestId,
            String runId,
            Long step,
            List<Integer> counts,
            String format,
            long seed,
            Boolean score) {
        this(version, requestId, runId, step, counts, format, seed, score, null, null, null);
    }

    /** Whether it names a model's alias still to be resolved to a run and a step. */
    public boolean namesModel() {
        return runId == null && model != null;
    }

    /** The alias it names, {@link AliasMove#PRODUCTION} when it names none. */
    public String aliasOrProduction() {
        return alias == null ? AliasMove.PRODUCTION : alias;
    }

    /** This request, answered by one version of the model it names: that version's run and step. */
    public SyntheticDatasetRequest resolvedTo(ModelVersion resolved) {
        return new SyntheticDatasetRequest(
                version,
                requestId,
                resolved.runId(),
                resolved.step(),
                counts,
                format,
                seed,
                score,
                resolved.model(),
                aliasOrProduction(),
                resolved.number());
    }

    public boolean scoreWanted() {
        return Boolean.TRUE.equals(score);
    }

    /** Images asked for in all, in a long: the counts of a hostile request may add up past any int. */
    public long total() {
        return counts == null
                ? 0
                : counts.stream().mapToLong(c -> c == null ? 0 : c).sum();
    }

    /** The reasons this request cannot be served whatever the run, empty when it can. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (runId == null && model == null) {
            problems.add("runId must be " + Ids.RULE + ", or model must name a registered model");
        }
        if (runId != null && !Ids.isValid(runId)) {
            problems.add("runId must be " + Ids.RULE);
        }
        if (model != null && !Ids.isValid(model)) {
            problems.add("model must be " + Ids.RULE);
        }
        if (alias != null && (model == null || !Ids.isValid(alias))) {
            problems.add(model == null ? "alias needs a model" : "alias must be " + Ids.RULE);
        }
        if (namesModel() && step != null) {
            problems.add("step must be absent with model: the version the alias points to fixes it");
        }
        if (step != null && step < 0) {
            problems.add("step must not be negative, was " + step);
        }
        if (!PNG_ZIP.equals(format) && !IDX.equals(format)) {
            problems.add("format must be " + PNG_ZIP + " or " + IDX + ", was " + format);
        }
        if (counts == null || counts.isEmpty() || counts.size() > Catalog.CONDITIONAL_CLASSES) {
            problems.add("counts must give the number of images of each class, 1 to " + Catalog.CONDITIONAL_CLASSES
                    + " entries (class 0 first)");
        } else if (counts.stream().anyMatch(c -> c == null || c < 0)) {
            problems.add("counts must not be negative");
        } else if (total() < 1 || total() > MAX_IMAGES) {
            problems.add("counts must add up to 1 to " + MAX_IMAGES + " images, was " + total());
        }
        return problems;
    }
}
