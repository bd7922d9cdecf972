package io.ganflow.gateway.runs;

import io.ganflow.gateway.OperatorKeyForRestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A Server-Sent Events stream read as a page reads it (with the UI's key cookie), its lines kept as they come. */
final class EventStreamLines {

    private EventStreamLines() {}

    static List<String> open(URI stream) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stream)
                                .header("Accept", "text/event-stream")
                                .header("Cookie", "ganflow-key=" + OperatorKeyForRestAssured.READER_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> response.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    /** Whether a line holds {@code text}, spaces aside. */
    static boolean has(List<String> lines, String text) {
        return lines.stream().anyMatch(line -> line.replace(" ", "").contains(text.replace(" ", "")));
    }
}
