package io.ganflow.sampler.rest;

import io.ganflow.events.ImageRequestLimits;
import io.ganflow.models.image.Png;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.serving.LoadedGenerator;
import io.ganflow.sampler.serving.PinnedGenerators;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Generated images as PNG, or with their labels as a ZIP of PNGs with {@code labels.csv} or as JSON (by the Accept
 * header). Every response names the run and checkpoint step that produced it; the same run, step,
 * request and seed always give the same bytes, hence the ETag.
 */
@Path("/runs/{runId}")
public class ImageResource {

    public static final String ZIP = "application/zip";

    public static final String RUN_HEADER = "X-Run-Id";
    public static final String STEP_HEADER = "X-Checkpoint-Step";

    private final PinnedGenerators generators;

    public ImageResource(PinnedGenerators generators) {
        this.generators = generators;
    }

    /** One row per class, {@code columns} images per row. */
    @GET
    @Path("/grid")
    @Produces("image/png")
    public Response grid(
            @PathParam("runId") String runId,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @QueryParam("columns") @DefaultValue("10") int columns,
            @QueryParam("step") Long step,
            @Context Request request,
            @Context HttpServerRequest http) {
        Limits.check("columns", columns, 1, ImageRequestLimits.MAX_GRID_COLUMNS);
        return render(request, runId, step, "grid", seed, columns, generator -> {
            long[] labels = SampleGrid.labels(generator.classes(), columns);
            return new Images(generator.generate(labels, seed, waiting(http)), labels.length, columns);
        });
    }

    /** {@code count} images of one class, in rows of up to 10. */
    @GET
    @Path("/images")
    @Produces("image/png")
    public Response images(
            @PathParam("runId") String runId,
            @QueryParam("class") @DefaultValue("0") int classId,
            @QueryParam("count") @DefaultValue("8") int count,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @QueryParam("step") Long step,
            @Context Request request,
            @Context HttpServerRequest http) {
        Limits.check("count", count, 1, ImageRequestLimits.MAX_IMAGES);
        return render(request, runId, step, "class-" + classId + "-" + count, seed, Math.min(count, 10), generator -> {
            Limits.check("class", classId, 0, generator.classes() - 1);
            byte[] pixels = generator.generate(SampleGrid.ofClass(classId, count), seed, waiting(http));
            return new Images(pixels, count, Math.min(count, 10));
        });
    }

    /** {@code count} images of one class (or, without a class, of every class in turn) as a ZIP with labels.csv. */
    @GET
    @Path("/images")
    @Produces(ZIP)
    public Response imagesZip(
            @PathParam("runId") String runId,
            @QueryParam("class") @DefaultValue("-1") int classId,
            @QueryParam("count") @DefaultValue("8") int count,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @QueryParam("step") Long step,
            @Context HttpServerRequest http) {
        LabelledSamples samples = labelled(runId, step, classId, count, seed, waiting(http));
        return withOrigin(Response.ok(samples.zip(), ZIP), samples, "zip-" + classId + "-" + count)
                .header("Content-Disposition", "attachment; filename=\"" + runId + "-" + samples.step() + ".zip\"")
                .build();
    }

    /** The same images as JSON: run, step, seed, and each image as base64 PNG with its label. */
    @GET
    @Path("/images")
    @Produces(MediaType.APPLICATION_JSON)
    public Response imagesJson(
            @PathParam("runId") String runId,
            @QueryParam("class") @DefaultValue("-1") int classId,
            @QueryParam("count") @DefaultValue("8") int count,
            @QueryParam("seed") @DefaultValue("0") long seed,
            @QueryParam("step") Long step,
            @Context HttpServerRequest http) {
        LabelledSamples samples = labelled(runId, step, classId, count, seed, waiting(http));
        return withOrigin(
                        Response.ok(samples.json(), MediaType.APPLICATION_JSON),
                        samples,
                        "json-" + classId + "-" + count)
                .build();
    }

    /** True while the client still waits: once it hangs up, its images not yet made are dropped. */
    private static BooleanSupplier waiting(HttpServerRequest http) {
        return () -> !http.response().closed();
    }

    private LabelledSamples labelled(
            String runId, Long step, int classId, int count, long seed, BooleanSupplier waiting) {
        Limits.check("count", count, 1, ImageRequestLimits.MAX_IMAGES);
        return generators
                .withGenerator(runId, step, generator -> {
                    long[] labels;
                    if (classId < 0) {
                        labels = new long[count];
                        for (int i = 0; i < count; i++) {
                            labels[i] = i % generator.classes();
                        }
                    } else {
                        Limits.check("class", classId, 0, generator.classes() - 1);
                        labels = SampleGrid.ofClass(classId, count);
                    }
                    return new LabelledSamples(
                            runId,
                            generator.step(),
                            seed,
                            generator.channels(),
                            generator.imageSide(),
                            labels,
                            generator.generate(labels, seed, waiting));
                })
                .orElseThrow(() -> new NoModelException(runId, step));
    }

    private static Response.ResponseBuilder withOrigin(
            Response.ResponseBuilder response, LabelledSamples samples, String what) {
        return response.header(RUN_HEADER, samples.runId())
                .header(STEP_HEADER, samples.step())
                .tag(new EntityTag(samples.runId() + "-" + samples.step() + "-" + what + "-" + samples.seed()));
    }

    private record Images(byte[] pixels, int count, int columns) {}

    /** A PNG of generated images; a 304 without generating when the client already has these bytes (ETag). */
    private Response render(
            Request request,
            String runId,
            Long step,
            String what,
            long seed,
            int columns,
            Function<LoadedGenerator, Images> work) {
        return generators
                .withGenerator(runId, step, generator -> {
                    String tag = runId + "-" + generator.step() + "-" + what + "-" + columns + "-" + seed;
                    Response.ResponseBuilder unchanged = request.evaluatePreconditions(new EntityTag(tag));
                    if (unchanged != null) {
                        return unchanged
                                .header(RUN_HEADER, runId)
                                .header(STEP_HEADER, generator.step())
                                .build();
                    }
                    Images images = work.apply(generator);
                    byte[] png = Png.grid(
                            images.pixels(),
                            images.count(),
                            generator.channels(),
                            generator.imageSide(),
                            generator.imageSide(),
                            images.columns());
                    return Response.ok(png, "image/png")
                            .header(RUN_HEADER, runId)
                            .header(STEP_HEADER, generator.step())
                            .tag(new EntityTag(tag))
                            .build();
                })
                .orElseThrow(() -> new NoModelException(runId, step));
    }
}
