package io.ganflow.bench;

import ai.djl.ndarray.NDManager;
import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.kafka.EventSerializer;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.ImageTensors;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The data path alone, against a running stack (./gan up): asks the dataset-service for whole epochs of
 * Fashion-MNIST and reads them back from Kafka into the float tensors a trainer feeds its networks. Prints MB/s of
 * batch payload from the request to the last decoded tensor.
 *
 * <p>Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.ganflow.bench.DataPath
 * -Dexec.args="127.0.0.1:19092 3"} (broker, epochs).
 */
public final class DataPath {

    private DataPath() {}

    public static void main(String[] args) {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:19092";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Torch.disableGradientsOnThisThread();
        for (int batchSize : new int[] {128, 512}) {
            String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            long[] started = new long[1];
            long[] totals = consume(bootstrap, runId, epochs * (60_000 / batchSize), () -> {
                started[0] = System.nanoTime();
                request(bootstrap, runId, epochs, batchSize);
            });
            double seconds = (totals[3] - started[0]) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "data path, batch %3d: %d batches, %.1f MB in %.1f s: %.1f MB/s, %.0f img/s%n",
                    batchSize,
                    totals[0],
                    totals[1] / 1e6,
                    seconds,
                    totals[1] / 1e6 / seconds,
                    totals[2] / seconds);
        }
    }

    private static void request(String bootstrap, String runId, int epochs, int batchSize) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, Object> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new EventSerializer())) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                EpochRequest request =
                        new EpochRequest(EpochRequest.VERSION, runId, "fashion-mnist", epoch, batchSize, 1L, 0);
                producer.send(new ProducerRecord<>(EpochRequest.TOPIC, runId, request));
            }
        }
    }

    /**
     * Once the consumer has its partitions, runs {@code start}; then reads the run's batches until {@code expected}
     * arrived. Returns batches, payload bytes, images and the nano time the last one was decoded.
     */
    private static long[] consume(String bootstrap, String runId, int expected, Runnable start) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, runId);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024));
        long batches = 0;
        long bytes = 0;
        long images = 0;
        long lastNanos = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
                NDManager manager = NDManager.newBaseManager()) {
            consumer.subscribe(List.of(ImageBatch.TOPIC));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            start.run();
            while (batches < expected) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!runId.equals(record.key())) {
                        continue;
                    }
                    ImageBatch batch = ImageBatchCodec.decode(record.value());
                    try (NDManager scope = manager.newSubManager()) {
                        ImageTensors.images(scope, batch);
                        ImageTensors.labels(scope, batch);
                    }
                    batches++;
                    bytes += record.value().length;
                    images += batch.size();
                    lastNanos = System.nanoTime();
                }
            }
        }
        return new long[] {batches, bytes, images, lastNanos};
    }
}
