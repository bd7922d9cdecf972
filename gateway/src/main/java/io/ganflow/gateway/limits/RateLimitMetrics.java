package io.ganflow.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Requests refused by a limit: {@code ganflow_gateway_rate_limited_total} on /q/metrics, labelled by which limit
 * ({@code images}, {@code event-streams}), never by client. Made at start-up, so that the counters are there (at 0)
 * before the first refusal.
 */
@ApplicationScoped
@Startup
public class RateLimitMetrics {

    private static final String REFUSALS = "ganflow.gateway.rate.limited";

    private final Counter images;
    private final Counter eventStreams;

    public RateLimitMetrics(MeterRegistry meters) {
        this.images = meters.counter(REFUSALS, "limit", "images");
        this.eventStreams = meters.counter(REFUSALS, "limit", "event-streams");
    }

    void refusedImages() {
        images.increment();
    }

    void refusedEventStream() {
        eventStreams.increment();
    }
}
