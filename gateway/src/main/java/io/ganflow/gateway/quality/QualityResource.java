package io.ganflow.gateway.quality;

import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ReferenceClassifierChoice;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.runs.RunDirectory;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs/{runId}/quality")
@Tag(name = ApiDocument.RUNS)
public class QualityResource {

    private final CheckpointQualities qualities;
    private final RunDirectory runs;

    public QualityResource(CheckpointQualities qualities, RunDirectory runs) {
        this.qualities = qualities;
        this.runs = runs;
    }

    /**
     * A run's quality curve.
     *
     * @param bestStep the stored checkpoint with the lowest FCD (what {@code step=best} names), null while none is
     *     measured
     * @param referenceClassifier the classifier that measured them: its held-out accuracy and the real-vs-real FCD
     *     floor; null while none is chosen
     */
    public record QualityView(
            Long bestStep, ReferenceClassifierChoice referenceClassifier, List<CheckpointQuality> checkpoints) {}

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getQuality",
            summary = "The quality of each measured checkpoint, oldest first, and which stored one is the best",
            description = "Measured by the data set's reference classifier: for conditional GANs the accuracy against "
                    + "the requested class (overall and per class), for every GAN the Fréchet distance between the "
                    + "classifier's features of generated and real held-out images (FCD, lower is better) and the "
                    + "entropy of the predicted classes (low: mode collapse); 'images' and 'heldOutImages' give n.")
    @APIResponse(responseCode = "200", description = "The quality curve (empty while nothing is measured)")
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public QualityView quality(@PathParam("runId") @ResourceId String runId) {
        List<CheckpointQuality> measured = qualities.of(runId);
        if (measured.isEmpty()) {
            runs.require(runId); // a run measured before this gateway saw its status is still known by its figures
        }
        return new QualityView(
                qualities.best(runId, measured).map(CheckpointQuality::step).orElse(null),
                measured.isEmpty()
                        ? null
                        : qualities.classifierOf(measured.get(0).dataset()).orElse(null),
                measured);
    }
}
