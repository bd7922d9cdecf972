package io.ganflow.gateway.claims;

import io.ganflow.events.kafka.EventSerializer;
import io.ganflow.gateway.problems.ProblemException;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Which request holds a name, decided by the order of a Kafka log: a request appends its claim (keyed by the name,
 * so all claims of a name share a partition and an order) and reads the partition up to it; it holds the name when
 * no earlier claim of it is still held. Of two requests for one name at once, exactly one wins, whichever gateway
 * replica each reaches. (The object store cannot decide this: S3Proxy, the local store, honours no conditional
 * write, and its listings miss objects being written beside them.) A refused request releases its claim; the topic
 * keeps claims for {@link #RETENTION}, so a claim whose request died with its gateway is forgotten after that.
 */
public class NameClaims {

    public static final Duration RETENTION = Duration.ofDays(1);

    /** A name held by one upload. */
    public record Claim(String name, String id) {}

    /** One entry of the log: an upload claims a name, or gives it back. */
    record Entry(int version, String name, String claimId, boolean release) {}

    private final String bootstrapServers;
    private final String topic;
    /** What the names name, for the problem when the broker is away: "data set name", say. */
    private final String what;

    private final KafkaProducer<String, Object> producer;
    private final Map<TopicPartition, ClaimLogReader> readers = new ConcurrentHashMap<>();

    protected NameClaims(String bootstrapServers, String topic, String what) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.what = what;
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new EventSerializer());
    }

    /** Claims {@code name} for one upload; empty when another upload holds it. */
    public Optional<Claim> claim(String name) {
        Claim claim = new Claim(name, UUID.randomUUID().toString());
        RecordMetadata appended = append(new Entry(1, name, claim.id(), false));
        String holder = holderUpTo(name, new TopicPartition(topic, appended.partition()), appended.offset());
        return claim.id().equals(holder) ? Optional.of(claim) : Optional.empty();
    }

    /** Gives the name back: the next upload of it may claim it. */
    public void release(Claim claim) {
        append(new Entry(1, claim.name(), claim.id(), true));
    }

    private RecordMetadata append(Entry entry) {
        try {
            return producer.send(new ProducerRecord<>(topic, entry.name(), entry))
                    .get();
        } catch (ExecutionException | KafkaException e) {
            throw brokerAway(entry.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw brokerAway(entry.name());
        }
    }

    /** Who holds {@code name} once the partition is read up to and with {@code offset}. */
    private String holderUpTo(String name, TopicPartition partition, long offset) {
        ClaimLogReader reader =
                readers.computeIfAbsent(partition, p -> new ClaimLogReader(bootstrapServers, p, RETENTION));
        try {
            return reader.holderUpTo(name, offset, Duration.ofSeconds(30));
        } catch (KafkaException e) {
            throw brokerAway(name);
        }
    }

    /** A claim needs the broker to decide who holds a name: without it, the client tries again later. */
    private ProblemException brokerAway(String name) {
        return new ProblemException(
                503,
                "Service unavailable",
                "the claim on " + what + " " + name + " cannot be decided now (Kafka is unreachable)",
                Map.of("Retry-After", "10"));
    }

    @PreDestroy
    public void close() {
        producer.close(Duration.ofSeconds(5));
        readers.values().forEach(ClaimLogReader::close);
    }
}
