package io.ganflow.gateway.synthetic;

import io.ganflow.events.Json;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The gateway's view of synthetic data set jobs: requests it sent, and every result the samplers announce, read from
 * the start of the result topic (so a restarted gateway, and jobs requested by other services through Kafka, are
 * seen too).
 */
@ApplicationScoped
public class SyntheticDatasetDirectory {

    private final Map<String, SyntheticDatasetView> jobs = new ConcurrentHashMap<>();
    private final Emitter<Record<String, String>> requests;

    public SyntheticDatasetDirectory(@Channel(SyntheticDatasetRequest.TOPIC) Emitter<Record<String, String>> requests) {
        this.requests = requests;
    }

    void submit(SyntheticDatasetRequest request) {
        jobs.put(request.requestId(), SyntheticDatasetView.pending(request));
        requests.send(Record.of(request.requestId(), Json.write(request)));
    }

    @Incoming(SyntheticDatasetResult.TOPIC)
    public void onResult(SyntheticDatasetResult result) {
        SyntheticDatasetView now = SyntheticDatasetView.of(result);
        // a late progress report never hides the end of a job
        jobs.merge(result.requestId(), now, (old, next) -> old.ended() && !next.ended() ? old : next);
    }

    Optional<SyntheticDatasetView> get(String requestId) {
        return Optional.ofNullable(jobs.get(requestId));
    }

    List<SyntheticDatasetView> list() {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong(SyntheticDatasetView::updatedMillis)
                        .reversed())
                .toList();
    }
}
