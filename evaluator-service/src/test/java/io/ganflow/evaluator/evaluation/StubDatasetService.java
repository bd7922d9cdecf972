package io.ganflow.evaluator.evaluation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the dataset-service, in the test's process: fixed answers by path, whatever the query. */
public final class StubDatasetService implements AutoCloseable {

    record Answer(int status, byte[] body) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> queries = new ConcurrentHashMap<>();

    StubDatasetService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String query = exchange.getRequestURI().getQuery();
            queries.put(exchange.getRequestURI().getPath(), query == null ? "" : query);
            Answer answer = answers.getOrDefault(
                    exchange.getRequestURI().getPath(), new Answer(404, "{\"status\":404}".getBytes()));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(String path, int status, byte[] body) {
        answers.put(path, new Answer(status, body));
    }

    /** The query of the last request for {@code path}, or null when none came. */
    public String lastQuery(String path) {
        return queries.get(path);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
