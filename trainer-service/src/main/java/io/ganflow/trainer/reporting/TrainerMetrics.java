package io.ganflow.trainer.reporting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * What operators watch of a trainer on /q/metrics: images and steps trained (their rates are the throughput), runs
 * held, checkpoint write time, and the batch consumer's own Kafka metrics (its lag among them). Never a run id as a
 * label: per-run curves travel on Kafka and show in the UI.
 */
@ApplicationScoped
public class TrainerMetrics {

    private final MeterRegistry registry;
    private final Counter images;
    private final Counter steps;
    private final Timer checkpointWrites;
    private final AtomicInteger runsHeld = new AtomicInteger();

    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.images = registry.counter("ganflow.trainer.images");
        this.steps = registry.counter("ganflow.trainer.steps");
        this.checkpointWrites = Timer.builder("ganflow.trainer.checkpoint.write")
                .description("writing a checkpoint to the object store")
                .register(registry);
        registry.gauge("ganflow.trainer.runs.held", runsHeld);
    }

    public void stepped(int batchImages) {
        images.increment(batchImages);
        steps.increment();
    }

    public void checkpointWritten(long nanos) {
        checkpointWrites.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void runsHeld(int count) {
        runsHeld.set(count);
    }

    /** Publishes the batch consumer's metrics (records-lag among them) until the returned binding is closed. */
    public AutoCloseable watch(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        return metrics;
    }
}
