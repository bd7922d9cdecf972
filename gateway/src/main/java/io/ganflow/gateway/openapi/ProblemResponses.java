package io.ganflow.gateway.openapi;

import io.ganflow.events.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The problem+json answers in the OpenAPI document: one shared response per status (operations name the ones they can
 * give, by {@code ref}), and the ones every operation can give added here, so that no operation forgets them: 401
 * without a key, 500; 403 for a change (a read-only key, or the web UI's cookie from another site); 413 and 415 for an
 * operation with a body.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String PRECONDITION_FAILED = "PreconditionFailed";
    public static final String UNPROCESSABLE = "Unprocessable";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String UNAVAILABLE = "Unavailable";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String TOO_LARGE = "TooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String INTERNAL_ERROR = "InternalError";
    static final String PROBLEM_SCHEMA = "Problem";

    private static final Map<String, Shared> SHARED = shared();

    private record Shared(String status, String description, boolean retryAfter) {}

    private static Map<String, Shared> shared() {
        Map<String, Shared> shared = new LinkedHashMap<>();
        shared.put(
                BAD_REQUEST, new Shared("400", "The request is invalid; the detail says which part and why.", false));
        shared.put(UNAUTHORIZED, new Shared("401", "No API key, or one that is not known.", false));
        shared.put(
                FORBIDDEN,
                new Shared(
                        "403",
                        "The key is read-only and the operation changes the system, or the web UI's cookie came from "
                                + "another site's page.",
                        false));
        shared.put(NOT_FOUND, new Shared("404", "What the path names does not exist.", false));
        shared.put(
                CONFLICT, new Shared("409", "The request clashes with the current state; the detail says how.", false));
        shared.put(
                PRECONDITION_FAILED,
                new Shared("412", "What If-Match named has changed since; read it again and retry.", false));
        shared.put(TOO_LARGE, new Shared("413", "The body is larger than the gateway takes.", false));
        shared.put(UNSUPPORTED_MEDIA_TYPE, new Shared("415", "The body's Content-Type is not one this takes.", false));
        shared.put(
                UNPROCESSABLE,
                new Shared(
                        "422", "Well-formed, but it cannot be done with what it names; the detail says why.", false));
        shared.put(
                TOO_MANY_REQUESTS,
                new Shared("429", "The key has used up its allowance; try again after Retry-After seconds.", true));
        shared.put(INTERNAL_ERROR, new Shared("500", "The gateway failed; nothing is said of why.", false));
        shared.put(
                UNAVAILABLE,
                new Shared(
                        "503",
                        "A service, the broker or the object store behind the gateway is away; nothing was changed. "
                                + "Try again after Retry-After seconds.",
                        true));
        return shared;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        SHARED.forEach((name, shared) -> openAPI.getComponents().addResponse(name, response(shared)));
        openAPI.getPaths().getPathItems().values().forEach(ProblemResponses::addCommonProblems);
    }

    private static void addCommonProblems(PathItem path) {
        path.getOperations().forEach((method, operation) -> {
            add(operation, UNAUTHORIZED);
            if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
                add(operation, FORBIDDEN);
            }
            if (operation.getRequestBody() != null) {
                add(operation, TOO_LARGE);
                add(operation, UNSUPPORTED_MEDIA_TYPE);
            }
            add(operation, INTERNAL_ERROR);
        });
    }

    private static void add(Operation operation, String name) {
        String status = SHARED.get(name).status();
        if (!operation.getResponses().hasAPIResponse(status)) {
            operation
                    .getResponses()
                    .addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
        }
    }

    private static APIResponse response(Shared shared) {
        APIResponse response = OASFactory.createAPIResponse()
                .description(shared.description())
                .content(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE,
                                OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
        if (shared.retryAfter()) {
            response.addHeader(
                    "Retry-After",
                    OASFactory.createHeader()
                            .description("seconds to wait before trying again")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
        return response;
    }

    /** {@link Problem}, RFC 9457. */
    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail: the body of every error response.")
                .required(List.of("type", "title", "status", "detail"))
                .addProperty(
                        "type",
                        string("a URI naming the kind of problem; about:blank: the status says it")
                                .format("uri-reference"))
                .addProperty("title", string("a short summary of the kind of problem"))
                .addProperty(
                        "status",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .description("the HTTP status code"))
                .addProperty("detail", string("what went wrong with this request, for a person"))
                .example(problemExample());
    }

    /** In a fixed order (Map.of has none): the published contract does not change from one build to the next. */
    private static Map<String, Object> problemExample() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", "No such run");
        example.put("status", 404);
        example.put("detail", "run cgan-1234abcd is not known");
        return example;
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
