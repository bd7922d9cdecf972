package io.ganflow.gateway.synthetic;

import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.SyntheticDatasetScore;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The gateway's view of synthetic data set jobs: requests it sent, every result the samplers announce and every score
 * the evaluators publish, read from the start of their topics (so a restarted gateway, and jobs requested by other
 * services through Kafka, are seen too).
 */
@ApplicationScoped
public class SyntheticDatasetDirectory {

    /** The gateway's outgoing channel to the result topic, which it also reads (see application.properties). */
    static final String RESULTS_OUT = "synthetic-dataset-results-out";

    private final Map<String, SyntheticDatasetView> jobs = new ConcurrentHashMap<>();
    private final Map<String, SyntheticDatasetScore> scores = new ConcurrentHashMap<>();
    private final Emitter<Record<String, SyntheticDatasetRequest>> requests;
    private final Emitter<Record<String, SyntheticDatasetResult>> results;
    private final int kept;

    public SyntheticDatasetDirectory(
            @Channel(SyntheticDatasetRequest.TOPIC) Emitter<Record<String, SyntheticDatasetRequest>> requests,
            @Channel(RESULTS_OUT) Emitter<Record<String, SyntheticDatasetResult>> results,
            @ConfigProperty(name = "ganflow.gateway.synthetic-jobs-kept") int kept) {
        this.requests = requests;
        this.results = results;
        this.kept = kept;
    }

    /**
     * Announces that a finished job's data set was deleted: every gateway (and any other reader of the result
     * topic) then shows it CANCELLED instead of offering a download that is gone.
     */
    void deleted(SyntheticDatasetView job) {
        SyntheticDatasetResult result = new SyntheticDatasetResult(
                SyntheticDatasetResult.VERSION,
                job.requestId(),
                SyntheticDatasetResult.State.CANCELLED,
                job.runId(),
                job.step(),
                job.format(),
                job.generated(),
                job.total(),
                null,
                null,
                0,
                null,
                "deleted by its requester",
                System.currentTimeMillis(),
                job.quality(),
                job.score() != null,
                job.fromModel() == null ? null : job.fromModel().model(),
                job.fromModel() == null ? null : job.fromModel().alias(),
                job.fromModel() == null ? null : job.fromModel().version());
        jobs.put(job.requestId(), SyntheticDatasetView.of(result));
        results.send(Record.of(job.requestId(), result));
    }

    /** Shows that a cancel was asked for, until the sampler working on the job says it stopped. */
    void cancelRequested(SyntheticDatasetView job) {
        jobs.computeIfPresent(job.requestId(), (id, now) -> now.ended() ? now : now.withMessage("cancel requested"));
    }

    void submit(SyntheticDatasetRequest request) {
        jobs.put(request.requestId(), SyntheticDatasetView.pending(request));
        requests.send(Record.of(request.requestId(), request));
    }

    @Incoming(SyntheticDatasetResult.TOPIC)
    public void onResult(SyntheticDatasetResult result) {
        SyntheticDatasetView now = SyntheticDatasetView.of(result);
        // a late progress report never hides the end of a job
        jobs.merge(result.requestId(), now, (old, next) -> old.ended() && !next.ended() ? old : next);
        forgetOldest();
    }

    @Incoming(SyntheticDatasetScore.TOPIC)
    public void onScore(SyntheticDatasetScore score) {
        // SCORING never hides the end of a score (a replayed or late record)
        scores.merge(
                score.requestId(),
                score,
                (old, next) -> old.state() != SyntheticDatasetScore.State.SCORING
                                && next.state() == SyntheticDatasetScore.State.SCORING
                        ? old
                        : next);
        forgetOldest();
    }

    /**
     * Keeps at most {@code kept} jobs: past that, the longest-ended ones are forgotten (their objects stay), and the
     * scores of jobs no longer known.
     */
    private synchronized void forgetOldest() {
        if (scores.size() > kept) {
            scores.keySet().retainAll(jobs.keySet());
        }
        if (jobs.size() <= kept) {
            return;
        }
        jobs.values().stream()
                .filter(SyntheticDatasetView::ended)
                .sorted(Comparator.comparingLong(SyntheticDatasetView::updatedMillis))
                .limit(jobs.size() - kept)
                .map(SyntheticDatasetView::requestId)
                .toList()
                .forEach(jobs::remove);
    }

    Optional<SyntheticDatasetView> get(String requestId) {
        return Optional.ofNullable(jobs.get(requestId)).map(this::withScore);
    }

    List<SyntheticDatasetView> list() {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong(SyntheticDatasetView::updatedMillis)
                        .reversed())
                .map(this::withScore)
                .toList();
    }

    private SyntheticDatasetView withScore(SyntheticDatasetView job) {
        SyntheticDatasetScore score = scores.get(job.requestId());
        return score == null ? job : job.withScore(ScoreView.of(score));
    }
}
