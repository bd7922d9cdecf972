package io.ganflow.bench;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Serving through the gateway, against a running stack (./gan up): starts a short cGAN run with a checkpoint every
 * 10 steps and measures, for each checkpoint, the time from its announcement to the gateway serving it; then the
 * latency of 100-image grids (p50, p99) and images per second under concurrent requests of several sizes, twice,
 * with the sampler's resident memory before and after each round; then images per second of a DCGAN (trained for a
 * few steps on an uploaded data set of coloured squares, since CIFAR-10 is not here). Prints one line each.
 *
 * <p>Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.ganflow.bench.ServingLatency
 * -Dexec.args="http://127.0.0.1:8080 127.0.0.1:19092"}
 */
public final class ServingLatency {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = LocalApiKey.operator();

    private ServingLatency() {}

    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String bootstrap = args.length > 1 ? args[1] : "127.0.0.1:19092";
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> swapMillis = checkpointToServing(gateway, bootstrap, runId);
        System.out.printf(
                Locale.ROOT,
                "checkpoint announced -> served by the gateway: %d checkpoints, p50 %d ms, p95 %d ms%n",
                swapMillis.size(),
                percentile(swapMillis, 50),
                percentile(swapMillis, 95));

        List<Long> gridMillis = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long started = System.nanoTime();
            get(gateway + "/api/v1/runs/" + runId + "/grid?seed=" + i);
            gridMillis.add((System.nanoTime() - started) / 1_000_000);
        }
        System.out.printf(
                Locale.ROOT,
                "100-image grid, one client: p50 %d ms, p99 %d ms%n",
                percentile(gridMillis.subList(20, 200), 50),
                percentile(gridMillis.subList(20, 200), 99));

        ResidentMemory memory =
                ResidentMemory.ofPidFile(args.length > 2 ? args[2] : ".gan/local/pids/sampler-service.pid");
        System.out.println("sampler resident memory before the load: " + memory.megabytes() + " MB");
        int[][] loads = {{100, 1}, {100, 4}, {100, 16}, {10, 16}, {1, 32}};
        for (int round = 1; round <= 2; round++) {
            for (int[] load : loads) {
                System.out.printf(
                        Locale.ROOT,
                        "%3d images per request, %2d clients: %.0f img/s%n",
                        load[0],
                        load[1],
                        imagesPerSecond(gateway, runId, load[0], load[1], Duration.ofSeconds(15)));
            }
            System.out.println("sampler resident memory after load round " + round + ": " + memory.megabytes() + " MB");
        }

        String dcganRun = DcganRun.trainOnUploadedColours(gateway, KEY, HTTP);
        awaitServed(gateway, dcganRun, DcganRun.STEPS);
        for (int clients : new int[] {4, 16}) {
            System.out.printf(
                    Locale.ROOT,
                    "DCGAN, 100 images per request, %2d clients: %.0f img/s%n",
                    clients,
                    imagesPerSecond(gateway, dcganRun, 100, clients, Duration.ofSeconds(15)));
        }
    }

    /** Starts the run, then times each of its checkpoints from announcement to the gateway serving that step. */
    private static List<Long> checkpointToServing(String gateway, String bootstrap, String runId) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, runId);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(CheckpointEvent.TOPIC));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            HttpResponse<byte[]> started = HTTP.send(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/v1/runs"))
                            .header("Content-Type", "application/json")
                            .header("X-API-Key", KEY)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"runId\":\"" + runId
                                    + "\",\"epochs\":1,\"batchSize\":64,\"datasetLimit\":6400,"
                                    + "\"checkpointEverySteps\":10}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (started.statusCode() != 201) {
                throw new IllegalStateException("could not start a run: " + new String(started.body()));
            }
            long deadline = System.currentTimeMillis() + 600_000;
            while (latencies.size() < 10 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!runId.equals(record.key())) {
                        continue;
                    }
                    CheckpointEvent event = Json.read(record.value(), CheckpointEvent.class);
                    awaitServed(gateway, runId, event.step());
                    latencies.add(System.currentTimeMillis() - event.timeMillis());
                }
            }
        }
        return latencies;
    }

    private static void awaitServed(String gateway, String runId, long step) throws Exception {
        String url = gateway + "/api/v1/runs/" + runId + "/grid?columns=1";
        while (true) {
            HttpResponse<byte[]> response = get(url);
            String served = response.headers().firstValue("X-Checkpoint-Step").orElse("-1");
            if (response.statusCode() == 200 && Long.parseLong(served) >= step) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static double imagesPerSecond(String gateway, String runId, int perRequest, int clients, Duration duration)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong images = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        HttpResponse<byte[]> response = get(gateway + "/api/v1/runs/" + runId + "/images?class="
                                + (i % 10) + "&count=" + perRequest + "&seed=" + (client * 100_000 + i));
                        if (response.statusCode() == 200) {
                            images.addAndGet(perRequest);
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.get() > 0) {
            System.out.printf(Locale.ROOT, "  (%d failed requests)%n", failures.get());
        }
        return images.get() / seconds;
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).header("X-API-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
