package io.ganflow.gateway.limits;

/**
 * The counter of requests refused by a limit ({@code ganflow_gateway_rate_limited_total} on /q/metrics), labelled by
 * which limit ({@code images}, {@code event-streams}), never by client.
 */
final class RateLimitMetrics {

    static final String REFUSALS = "ganflow.gateway.rate.limited";
    static final String LIMIT = "limit";

    private RateLimitMetrics() {}
}
