package io.ganflow.gateway.studies;

import io.ganflow.events.Catalog;
import io.ganflow.events.RegisteredModel;
import io.ganflow.events.StudyPlan;
import io.ganflow.events.StudySpec;
import io.ganflow.events.StudyState;
import io.ganflow.gateway.http.ResourceId;
import io.ganflow.gateway.models.ModelRegistry;
import io.ganflow.gateway.openapi.ApiDocument;
import io.ganflow.gateway.openapi.ProblemResponses;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.StudyStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/studies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.STUDIES)
public class StudyResource {

    /** Trial problems told at once, at most: a grid of a thousand bad trials says the first few. */
    static final int TRIAL_PROBLEMS_TOLD = 5;

    private final StudyStore studies;
    private final StudyScheduler scheduler;
    private final DatasetStore datasets;
    private final ModelRegistry models;

    public StudyResource(StudyStore studies, StudyScheduler scheduler, DatasetStore datasets, ModelRegistry models) {
        this.studies = studies;
        this.scheduler = scheduler;
        this.datasets = datasets;
        this.models = models;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(
            operationId = "startStudy",
            summary = "Start a study",
            description = "Checks the whole study (every problem names its field, and every planned trial must be a "
                    + "run that can start), records it and starts its first trials; follow it at the returned "
                    + "Location.")
    @APIResponse(
            responseCode = "201",
            description = "Recorded; its first trials are starting",
            content = @Content(schema = @Schema(implementation = StudyState.class)))
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    public Response start(CreateStudy body) {
        if (body == null) {
            throw invalid("a JSON body with base, space, method, budget and objective is needed");
        }
        if (body.baseNamesARun()) {
            throw invalid("base.runId must be absent: each trial's run id is the study's and its number");
        }
        StudySpec spec = body.toSpec("study-" + UUID.randomUUID().toString().substring(0, 8));
        List<String> problems = new ArrayList<>(spec.problems());
        if (problems.isEmpty()) {
            problems.addAll(StudyPlan.trialProblems(spec, datasets::find, TRIAL_PROBLEMS_TOLD));
        }
        if (!problems.isEmpty()) {
            throw invalid(String.join("; ", problems));
        }
        if (spec.model() != null) {
            checkModel(spec);
        }
        if (studies.spec(spec.studyId()).isPresent()) {
            throw new ProblemException(409, "Study exists", "study " + spec.studyId() + " already exists");
        }
        studies.save(spec);
        StudyState state = scheduler.advance(spec.studyId()).orElseThrow();
        return Response.created(URI.create("/api/v1/studies/" + spec.studyId()))
                .entity(state)
                .build();
    }

    /** The model the best trial will be registered in takes every trial's family and data set. */
    private void checkModel(StudySpec spec) {
        RegisteredModel model = models.require(spec.model());
        for (StudyPlan.Trial trial : StudyPlan.trials(spec)) {
            if (!trial.spec().model().equals(model.family())
                    || !trial.spec().dataset().equals(model.dataset())) {
                throw invalid("model " + model.name() + " takes " + model.family() + " on " + model.dataset()
                        + "; trial " + trial.index() + " trains " + trial.spec().model() + " on "
                        + trial.spec().dataset());
            }
        }
        boolean gan = Catalog.model(model.family()).map(Catalog.Model::isGan).orElse(false);
        if (!gan) {
            throw invalid("model " + model.name() + " is not a GAN");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(400, "Invalid study", detail);
    }

    @GET
    @Operation(operationId = "listStudies", summary = "Every study, as it stands")
    @APIResponse(
            responseCode = "200",
            description = "The studies",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = StudyState.class)))
    public List<StudyState> list() {
        return studies.studyIds().stream()
                .map(studies::state)
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    @GET
    @Path("/{studyId}")
    @Operation(
            operationId = "getStudy",
            summary = "A study: each trial's settings, state, figures and why it was stopped; the best once complete")
    @APIResponse(
            responseCode = "200",
            description = "The study",
            content = @Content(schema = @Schema(implementation = StudyState.class)))
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    public StudyState get(@PathParam("studyId") @ResourceId String studyId) {
        return studies.state(studyId)
                .orElseThrow(() -> new ProblemException(404, "No such study", "study " + studyId + " is not known"));
    }
}
