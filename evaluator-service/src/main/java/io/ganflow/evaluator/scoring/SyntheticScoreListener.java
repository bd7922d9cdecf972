package io.ganflow.evaluator.scoring;

import io.ganflow.evaluator.evaluation.DatasetServiceClient;
import io.ganflow.evaluator.evaluation.UntilAvailable;
import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.SyntheticDatasetScore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.ObjectStoreException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Scores the synthetic data sets whose requests asked for it ({@code "score": true}): reads the samplers' results
 * (the evaluators share one group, so each set is scored once), and for each DONE one that asked, publishes SCORING,
 * then the score or the reason there is none, on {@code synthetic-dataset-scores}, keeping it beside the data set
 * (sets in another deployment's bucket are left to its evaluators). A
 * result delivered again (a replay, an evaluator killed half way) finds the kept score and publishes it again instead
 * of training twice. The store or the dataset-service being away is waited out.
 */
@ApplicationScoped
public class SyntheticScoreListener {

    private static final Logger LOG = Logger.getLogger(SyntheticScoreListener.class);
    /** Attempts at scoring one set that may stop part way before it is given up as FAILED. */
    static final int MAX_ATTEMPTS = 3;

    private final SyntheticScorer scorer;
    private final ObjectStore store;
    private final Emitter<Record<String, SyntheticDatasetScore>> published;

    public SyntheticScoreListener(
            SyntheticScorer scorer,
            ObjectStore store,
            @Channel(SyntheticDatasetScore.TOPIC) Emitter<Record<String, SyntheticDatasetScore>> published) {
        this.scorer = scorer;
        this.store = store;
        this.published = published;
    }

    @Incoming(SyntheticDatasetResult.TOPIC)
    @Blocking
    public void onResult(SyntheticDatasetResult result) {
        if (result.state() != SyntheticDatasetResult.State.DONE || !result.scoreRequested()) {
            return;
        }
        if (!store.bucket().equals(result.bucket())) {
            // another deployment's data set (a shared broker): its own evaluators score it
            LOG.infof(
                    "synthetic data set %s is in bucket %s, not ours: not scored here",
                    result.requestId(), result.bucket());
            return;
        }
        // one attempt per delivery: an outage waited out part way is the same attempt, not another
        boolean[] counted = {false};
        UntilAvailable.run("synthetic data set " + result.requestId() + "'s score", () -> scoreOnce(result, counted));
    }

    private void scoreOnce(SyntheticDatasetResult result, boolean[] attemptCounted) {
        Optional<SyntheticDatasetScore> kept = kept(result.requestId());
        if (kept.isPresent()) {
            publish(kept.get());
            return;
        }
        long started = System.currentTimeMillis();
        SyntheticDatasetScore score;
        try {
            String dataset = scorer.datasetOf(result);
            if (!attemptCounted[0]) {
                beginAttempt(result);
                attemptCounted[0] = true;
            }
            publish(SyntheticDatasetScore.scoring(result, dataset, Math.toIntExact(result.total())));
            score = scorer.score(result, dataset);
        } catch (ScoreFailure e) {
            score = SyntheticDatasetScore.failed(result, e.getMessage());
        } catch (ObjectStoreException | DatasetServiceClient.UnavailableException e) {
            throw e; // waited out by UntilAvailable
        } catch (RuntimeException e) {
            // not the data set's fault nor an outage (the engine failed): said once, never retried in a loop
            LOG.errorf(e, "synthetic data set %s could not be scored", result.requestId());
            score = SyntheticDatasetScore.failed(result, "scoring failed: " + e);
        }
        store.put(SyntheticDatasetScore.key(result.requestId()), Json.writeBytes(score), "application/json");
        publish(score);
        LOG.infof(
                "synthetic data set %s %s in %d s: %s",
                result.requestId(),
                score.state() == SyntheticDatasetScore.State.DONE ? "scored" : "not scored",
                (System.currentTimeMillis() - started) / 1000,
                score.message());
    }

    /**
     * Counts the attempts at scoring this set (beside it in the store), and refuses a further one after
     * {@link #MAX_ATTEMPTS}: a set whose scoring kills the evaluator (memory, a native crash) would otherwise be
     * delivered to the next one, and the next, for ever.
     */
    private void beginAttempt(SyntheticDatasetResult result) {
        String key = attemptsKey(result.requestId());
        int attempts = store.get(key).map(SyntheticScoreListener::parseCount).orElse(0);
        if (attempts >= MAX_ATTEMPTS) {
            throw new ScoreFailure("scoring was begun " + attempts + " times and never finished (the evaluator "
                    + "stopped part way, killed or out of memory): not tried again");
        }
        store.put(key, String.valueOf(attempts + 1).getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    static String attemptsKey(String requestId) {
        return SyntheticDatasetScore.key(requestId).replace("score.json", "score-attempts");
    }

    private static int parseCount(byte[] bytes) {
        try {
            return Integer.parseInt(new String(bytes, StandardCharsets.UTF_8).trim());
        } catch (NumberFormatException e) {
            return MAX_ATTEMPTS; // not ours to have written: do not keep trying
        }
    }

    /** The score kept from an earlier delivery, if one was finished (one that cannot be read is made again). */
    private Optional<SyntheticDatasetScore> kept(String requestId) {
        try {
            return store.get(SyntheticDatasetScore.key(requestId))
                    .map(bytes -> Json.read(bytes, SyntheticDatasetScore.class));
        } catch (MalformedEventException e) {
            LOG.warnf(
                    "synthetic data set %s: its kept score is unreadable, scoring again: %s",
                    requestId, e.getMessage());
            return Optional.empty();
        }
    }

    private void publish(SyntheticDatasetScore score) {
        published.send(Record.of(score.requestId(), score));
    }
}
