package io.ganflow.gateway.limits;

import io.ganflow.gateway.problems.ProblemException;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many images each client may have generated: a bucket of {@code burst} images per client, refilled at
 * {@code images-per-second}. Past it a request is refused with 429 and Retry-After, before it reaches a sampler.
 */
@ApplicationScoped
public class GenerationLimits {

    /** Set in application.properties (GAN_GENERATION_IMAGES_PER_SECOND, GAN_GENERATION_BURST), defaults there. */
    @ConfigMapping(prefix = "ganflow.limits.generation")
    public interface Config {
        double imagesPerSecond();

        double burst();
    }

    private final Config config;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final RateLimitMetrics metrics;

    public GenerationLimits(Config config, RateLimitMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** For a request that generated nothing after all (a 304: the client had the images). */
    public void giveBack(String client, int images) {
        TokenBucket bucket = buckets.get(client);
        if (bucket != null) {
            bucket.giveBack(images);
        }
    }

    /** Counts {@code images} against {@code client}'s allowance; throws a 429 problem when it is used up. */
    public void take(String client, int images) {
        refuseIfWaiting(bucket(client).take(images));
    }

    /**
     * Counts a synthetic data set of {@code images} against {@code client}'s allowance: allowed when a full burst is
     * there, and then the client's later generation waits until the whole of it has refilled.
     */
    public void charge(String client, long images) {
        refuseIfWaiting(bucket(client).charge(images));
    }

    private TokenBucket bucket(String client) {
        return buckets.computeIfAbsent(
                client, c -> new TokenBucket(config.burst(), config.imagesPerSecond(), System::nanoTime));
    }

    private void refuseIfWaiting(long waitSeconds) {
        if (waitSeconds > 0) {
            metrics.refusedImages();
            throw new ProblemException(
                    429,
                    "Too many images",
                    "this client may generate " + (long) config.imagesPerSecond() + " images per second (bursts of "
                            + (long) config.burst() + "); try again in " + waitSeconds + " s",
                    Map.of("Retry-After", String.valueOf(waitSeconds)));
        }
    }
}
