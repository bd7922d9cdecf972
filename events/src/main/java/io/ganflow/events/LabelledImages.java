package io.ganflow.events;

import java.util.List;

/**
 * Generated images as JSON, the answer to {@code GET /api/v1/runs/{runId}/images} with {@code Accept:
 * application/json}: where they came from, and each image with its label.
 *
 * @param step the checkpoint step that generated them
 * @param seed the seed asked for: the same run, step, class, count and seed give the same images
 */
public record LabelledImages(String runId, long step, long seed, List<LabelledImage> images) {

    /**
     * @param label the class the image was generated as
     * @param png the image, a base64 PNG
     */
    public record LabelledImage(int label, String png) {}
}
