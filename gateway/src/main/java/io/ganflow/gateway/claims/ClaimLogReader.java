package io.ganflow.gateway.claims;

import io.ganflow.events.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One partition of a claims log, read once from its start and then only onwards: who holds each name, as of the
 * offset read to. A claim holds its name when no earlier claim of it is held; a release frees it; a claim older than
 * the log's retention is forgotten, as the log itself forgets it. One consumer, kept open and used by one thread at a
 * time, so a claim costs a poll of what was appended since the last one, not a new connection and a read of the day.
 */
final class ClaimLogReader implements AutoCloseable {

    /** The name's holder and when it claimed it. */
    private record Held(String claimId, long claimedMillis) {}

    private final String bootstrapServers;
    private final TopicPartition partition;
    private final Duration retention;
    private final Map<String, Held> holders = new HashMap<>();
    private KafkaConsumer<String, String> consumer;

    ClaimLogReader(String bootstrapServers, TopicPartition partition, Duration retention) {
        this.bootstrapServers = bootstrapServers;
        this.partition = partition;
        this.retention = retention;
    }

    /**
     * Who holds {@code name} once the partition is read up to and with {@code offset}; null when nobody does.
     *
     * @throws KafkaException when the broker does not answer within {@code timeout} (the reader starts again from
     *     the partition's start next time, so a half-read log is never trusted)
     */
    synchronized String holderUpTo(String name, long offset, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            KafkaConsumer<String, String> reading = consumer();
            while (reading.position(partition) <= offset) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("the claims log was not read to offset " + offset + " in " + timeout);
                }
                for (ConsumerRecord<String, String> record : reading.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        } catch (KafkaException e) {
            close();
            throw e;
        }
        Held held = holders.get(name);
        return held == null || expired(held) ? null : held.claimId();
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        NameClaims.Entry entry;
        try {
            entry = Json.read(record.value(), NameClaims.Entry.class);
        } catch (RuntimeException e) {
            return; // not a claim (written by something else): it holds no name
        }
        Held held = holders.get(record.key());
        if (!entry.release() && (held == null || expired(held))) {
            holders.put(record.key(), new Held(entry.claimId(), record.timestamp()));
        } else if (entry.release() && held != null && held.claimId().equals(entry.claimId())) {
            holders.remove(record.key());
        }
    }

    private boolean expired(Held held) {
        return held.claimedMillis() < System.currentTimeMillis() - retention.toMillis();
    }

    private KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            holders.clear();
        }
        return consumer;
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                // closing a consumer of a broker that is away: nothing more to do
            }
            consumer = null;
        }
        holders.clear();
    }
}
