package io.ganflow.gateway.problems;

/** A failure with its HTTP status, title and detail, rendered as RFC 9457 problem+json. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
