package io.ganflow.gateway.limits;

import io.ganflow.gateway.problems.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many event streams each client (API key) may hold open at once: each is a connection and a subscription the
 * gateway keeps for as long as the client likes. Past it, 429 until one closes.
 */
@ApplicationScoped
public class StreamSlots {

    private final int perClient;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final RateLimitMetrics metrics;

    public StreamSlots(
            @ConfigProperty(name = "ganflow.limits.event-streams-per-key") int perClient, RateLimitMetrics metrics) {
        this.perClient = perClient;
        this.metrics = metrics;
    }

    /** Takes a slot for {@code client}; throws a 429 problem when it holds them all. Give it back with {@link #free}. */
    public void take(String client) {
        AtomicInteger streams = open.computeIfAbsent(client, c -> new AtomicInteger());
        if (streams.incrementAndGet() > perClient) {
            streams.decrementAndGet();
            metrics.refusedEventStream();
            throw new ProblemException(
                    429,
                    "Too many event streams",
                    "this client has " + perClient + " event streams open; close one first",
                    Map.of("Retry-After", "5"));
        }
    }

    public void free(String client) {
        open.computeIfPresent(client, (c, streams) -> streams.decrementAndGet() <= 0 ? null : streams);
    }
}
