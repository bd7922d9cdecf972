package io.ganflow.e2e;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Clients asking the gateway for the same images over and over, counting what they get back. */
final class SamplerLoad implements AutoCloseable {

    /** What the clients got: answers by status, the slowest 503, and anything a client should never see. */
    record Summary(Map<Integer, Long> byStatus, Duration slowest503, List<String> unexpected) {
        long count(int status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    private final ExecutorService clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, Long> byStatus = new ConcurrentHashMap<>();
    private final AtomicLong slowest503Nanos = new AtomicLong();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    private SamplerLoad(String path, int clientCount) {
        clients = Executors.newFixedThreadPool(clientCount);
        for (int i = 0; i < clientCount; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    ask(path);
                    pause(); // a steady load, not a flood of 429s
                }
            });
        }
    }

    static SamplerLoad start(String path, int clients) {
        return new SamplerLoad(path, clients);
    }

    private void ask(String path) {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = GatewayApi.get(path);
            int status = response.statusCode();
            byStatus.merge(status, 1L, Long::sum);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status == 503) {
                slowest503Nanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                if (!type.startsWith("application/problem+json")
                        || response.headers().firstValue("Retry-After").isEmpty()) {
                    unexpected.add("503 without problem+json and Retry-After: " + type);
                }
            } else if (status != 200 && status != 429) {
                unexpected.add(status + " " + new String(response.body()));
            }
        } catch (Exception e) {
            unexpected.add("no answer: " + e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Summary stop() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(2, TimeUnit.MINUTES);
        return new Summary(Map.copyOf(byStatus), Duration.ofNanos(slowest503Nanos.get()), List.copyOf(unexpected));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
