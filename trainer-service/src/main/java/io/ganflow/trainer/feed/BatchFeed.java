package io.ganflow.trainer.feed;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.retry.Backoff;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.trainer.config.TrainerConfig;
import io.ganflow.trainer.health.StoreHealth;
import io.ganflow.trainer.reporting.TrainerMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The batch topic, read by one thread of its own, one record at a time, so that training never runs inside a
 * messaging handler and the position committed is exactly what checkpoints cover: a partition's offset is committed
 * up to the first record that was trained but is not yet checkpointed ({@link PartitionOwner#heldFrom}). A fault that
 * is no run's own (the store or the broker away) never ends the thread: it waits with backoff and reads again from
 * the committed offsets, and the handler skips what its runs already trained. It starts with the service; on
 * shutdown (SIGTERM) the handler checkpoints, the feed commits and leaves the group, so another trainer takes the
 * partitions over at once.
 */
@ApplicationScoped
public class BatchFeed {

    private static final Logger LOG = Logger.getLogger(BatchFeed.class);

    /** How long a rebalance waits for the store to take the checkpoints of the partitions that move. */
    private static final long REBALANCE_HAND_OVER_MILLIS = 5_000;

    private final TrainerConfig config;
    private final String bootstrapServers;
    private final StoreHealth storeHealth;
    private final TrainerMetrics metrics;
    private final BatchHandler handler;
    private final PartitionOwner owner;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private volatile Thread thread;
    private volatile long lastPollMillis;

    public BatchFeed(
            TrainerConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            StoreHealth storeHealth,
            TrainerMetrics metrics,
            BatchHandler handler,
            PartitionOwner owner) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.storeHealth = storeHealth;
        this.metrics = metrics;
        this.handler = handler;
        this.owner = owner;
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        lastPollMillis = System.currentTimeMillis();
        thread = new Thread(this::run, "training-loop");
        thread.start();
    }

    /** Asks the thread to hand over and waits for it, at most the hand-over bound. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running.set(false);
        Thread current = thread;
        if (current != null) {
            current.join(config.handOverSeconds() * 1000L + 5_000);
        }
    }

    boolean stopping() {
        return !running.get();
    }

    /** The thread runs and polled within the bound (a step takes seconds; a backoff at most half a minute). */
    public boolean isAlive() {
        Thread current = thread;
        return current != null
                && current.isAlive()
                && System.currentTimeMillis() - lastPollMillis < config.stuckAfterSeconds() * 1000L;
    }

    private void run() {
        Backoff backoff = new Backoff(500, 30_000);
        try (KafkaConsumer<String, byte[]> consumer = newConsumer();
                AutoCloseable watched = metrics.watch(consumer)) {
            consumer.subscribe(List.of(ImageBatch.TOPIC), new Rebalance(consumer));
            while (running.get()) {
                lastPollMillis = System.currentTimeMillis();
                try {
                    for (ConsumerRecord<String, byte[]> record :
                            consumer.poll(Duration.ofMillis(config.pollMillis()))) {
                        nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                        handler.handle(record);
                        commit(consumer);
                    }
                    handler.idle();
                    commit(consumer);
                    backoff.succeeded();
                } catch (RuntimeException e) {
                    long wait = backoff.failed();
                    if (e instanceof ObjectStoreException storeFault) {
                        storeHealth.failed(storeFault);
                        LOG.warnf("training waits %d ms for the object store: %s", wait, e.getMessage());
                    } else if (e instanceof KafkaException) {
                        LOG.warnf("training waits %d ms for the broker: %s", wait, e.getMessage());
                    } else {
                        LOG.errorf(e, "training waits %d ms after an unexpected fault: %s", wait, e.getMessage());
                    }
                    rewindToCommitted(consumer);
                    pause(wait);
                }
            }
            handOver(consumer);
        } catch (Exception e) {
            LOG.errorf(e, "the batch feed stopped: %s", e.getMessage());
        }
    }

    /** The handler checkpoints, then what the checkpoints cover is committed; closing the consumer leaves the group. */
    private void handOver(KafkaConsumer<String, byte[]> consumer) {
        handler.handingOver(consumer.assignment(), System.currentTimeMillis() + config.handOverSeconds() * 1000L);
        try {
            commit(consumer);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "could not commit before leaving (the next trainer reads a little more again): %s", e.getMessage());
        }
        LOG.infof("leaving the trainer group");
    }

    /**
     * Reads every partition again from its committed offset, which no checkpoint has passed: batches the runs
     * already trained are skipped by their positions, so nothing is trained twice.
     */
    private void rewindToCommitted(KafkaConsumer<String, byte[]> consumer) {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(assigned, Duration.ofSeconds(5));
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata offset = offsets.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset);
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("cannot rewind yet: %s", e.getMessage());
        }
    }

    private void commit(KafkaConsumer<String, byte[]> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((partition, next) -> {
            long safe = Math.min(next, owner.heldFrom(partition).orElse(next));
            if (!Long.valueOf(safe).equals(committed.get(partition))) {
                offsets.put(partition, new OffsetAndMetadata(safe));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            nextOffsets.remove(partition);
            committed.remove(partition);
        }
    }

    /** Waits, but no longer than it takes to notice a stop. */
    private void pause(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (running.get() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(100, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));
        // a trainer that dies hands its runs over after this long (Kafka's default is 45 s)
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(config.sessionTimeoutMillis()));
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** When partitions move to another trainer, their runs go with them: that trainer resumes from checkpoints. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> consumer;

        Rebalance(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            handler.handingOver(partitions, System.currentTimeMillis() + REBALANCE_HAND_OVER_MILLIS);
            try {
                commit(consumer);
            } catch (RuntimeException e) {
                LOG.warnf("could not commit before giving up %s: %s", partitions, e.getMessage());
            }
            owner.revoked(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            owner.revoked(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.infof("training batches of partitions %s", partitions);
            if (!partitions.isEmpty()) {
                owner.assigned(
                        partitions, consumer.partitionsFor(ImageBatch.TOPIC).size());
            }
        }
    }
}
