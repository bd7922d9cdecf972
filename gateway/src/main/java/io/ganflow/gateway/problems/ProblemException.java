package io.ganflow.gateway.problems;

import java.util.Map;

/** A failure with its HTTP status, title and detail, rendered as RFC 9457 problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    /** With response headers that tell the client what to do, such as Retry-After or WWW-Authenticate. */
    public ProblemException(int status, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
