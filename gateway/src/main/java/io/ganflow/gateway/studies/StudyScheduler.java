package io.ganflow.gateway.studies;

import io.ganflow.events.RunStatus;
import io.ganflow.events.StudyPlan;
import io.ganflow.events.StudyProgress;
import io.ganflow.events.StudySpec;
import io.ganflow.events.StudyState;
import io.ganflow.gateway.models.ModelRegistry;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.gateway.quality.CheckpointQualities;
import io.ganflow.gateway.runs.RunDirectory;
import io.ganflow.gateway.runs.RunLauncher;
import io.ganflow.gateway.runs.RunView;
import io.ganflow.store.StudyStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Runs studies on the pipeline that exists: every few seconds, for each study not yet completed, it gathers what is
 * known of its trials' runs (their states, their measured checkpoints), asks {@link StudyProgress} what to do, and
 * does it: starts trials as the budget allows (ordinary runs, through {@link RunLauncher}), stops those their rule
 * stopped, holds their rung checkpoints until measured ({@link RungCheckpointHolds}), and once the study is
 * complete registers the best checkpoint as a version of the study's model. What it decides follows from the facts alone, so a gateway that starts again (or a second replica) decides the same, and a
 * trial's run id is claimed before it starts: none starts twice. Its state goes to the store and on the compacted
 * {@code studies} topic.
 */
@ApplicationScoped
public class StudyScheduler {

    private static final Logger LOG = Logger.getLogger(StudyScheduler.class);

    private final StudyStore studies;
    private final RunDirectory runs;
    private final CheckpointQualities qualities;
    private final RunLauncher launcher;
    private final ModelRegistry models;
    private final StudyMetrics metrics;
    private final RungCheckpointHolds holds;
    private final Emitter<Record<String, StudyState>> states;
    private final Duration every;
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private final Map<String, StudyState> published = new ConcurrentHashMap<>();
    /** Completed studies whose best checkpoint cannot become a version of their model (it was deleted, say). */
    private final Set<String> unregistrable = ConcurrentHashMap.newKeySet();
    /** Each study's problem when its last tick failed, so that it is logged once. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    private ScheduledExecutorService ticker;

    public StudyScheduler(
            StudyStore studies,
            RunDirectory runs,
            CheckpointQualities qualities,
            RunLauncher launcher,
            ModelRegistry models,
            StudyMetrics metrics,
            RungCheckpointHolds holds,
            @Channel(StudyState.TOPIC) Emitter<Record<String, StudyState>> states,
            @ConfigProperty(name = "ganflow.gateway.study-tick", defaultValue = "2s") Duration every) {
        this.studies = studies;
        this.runs = runs;
        this.qualities = qualities;
        this.launcher = launcher;
        this.models = models;
        this.metrics = metrics;
        this.holds = holds;
        this.states = states;
        this.every = every;
    }

    void onStart(@Observes StartupEvent event) {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "study-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void tick() {
        List<String> ids;
        try {
            ids = studies.studyIds();
        } catch (RuntimeException e) {
            LOG.warnf("studies not advanced: the store cannot list them: %s", e.getMessage());
            return; // the next tick tries again
        }
        for (String studyId : ids) {
            if (completed.contains(studyId)) {
                continue;
            }
            try {
                advance(studyId);
                problems.remove(studyId);
            } catch (RuntimeException e) {
                // one study that cannot be read or moved on (a damaged record, the broker away) never holds up the
                // rest; its problem is logged once, not every tick, until it changes or goes away
                if (!String.valueOf(e.getMessage()).equals(problems.put(studyId, String.valueOf(e.getMessage())))) {
                    LOG.warnf("study=%s not advanced (tried again every tick): %s", studyId, e.getMessage());
                }
            }
        }
    }

    /** Moves the study on: what its trials' facts call for, done; returns where it stands. */
    public synchronized Optional<StudyState> advance(String studyId) {
        Optional<StudySpec> spec = studies.spec(studyId);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        List<StudyPlan.Trial> plan = StudyPlan.trials(spec.get());
        List<StudyProgress.TrialFacts> facts = facts(plan);
        StudyProgress.Decision decision = StudyProgress.decide(spec.get(), plan, facts, System.currentTimeMillis());
        decision.toStop().forEach((index, reason) -> stop(plan.get(index).runId(), studyId, reason));
        for (int index : decision.toStart()) {
            holds.keep(studyId, plan.get(index), facts.get(index)); // before its first checkpoint can be written
            start(plan.get(index));
        }
        if (!decision.toStop().isEmpty() || !decision.toStart().isEmpty()) {
            facts = facts(plan); // as they are after what was just done
            decision = StudyProgress.decide(spec.get(), plan, facts, System.currentTimeMillis());
        }
        for (int index = 0; index < plan.size(); index++) {
            if (facts.get(index).started()) {
                holds.keep(studyId, plan.get(index), facts.get(index));
            }
        }
        StudyState state = withRegistration(spec.get(), decision.state());
        record(state);
        return Optional.of(state);
    }

    private List<StudyProgress.TrialFacts> facts(List<StudyPlan.Trial> plan) {
        List<StudyProgress.TrialFacts> facts = new ArrayList<>();
        for (StudyPlan.Trial trial : plan) {
            facts.add(facts(trial.runId()));
        }
        return facts;
    }

    private StudyProgress.TrialFacts facts(String runId) {
        Optional<RunView> run = runs.get(runId);
        if (run.isEmpty()) {
            // a trial the store knows but this gateway has not heard of yet counts as started (it has a spec)
            return new StudyProgress.TrialFacts(
                    launcher.exists(runId) ? RunStatus.State.PENDING : null, List.of(), null);
        }
        long latest = run.get().latestCheckpointStep();
        return new StudyProgress.TrialFacts(
                RunStatus.State.valueOf(run.get().state()), qualities.of(runId), latest < 0 ? null : latest);
    }

    private void start(StudyPlan.Trial trial) {
        try {
            launcher.start(trial.spec());
            LOG.infof("study trial %s started: %s", trial.runId(), trial.settings());
        } catch (ProblemException e) {
            if (e.status() == 400) {
                // its spec cannot run (an uploaded data set deleted since the study was planned): it fails, and the
                // study goes on without it
                launcher.recordUnstartable(trial.spec(), "the study could not start it: " + e.getMessage());
                LOG.warnf("study trial %s cannot start, failed: %s", trial.runId(), e.getMessage());
                return;
            }
            // 409: another replica (or an earlier tick) started it; 503: the broker is away, the next tick tries again
            LOG.infof("study trial %s not started now: %s", trial.runId(), e.getMessage());
        }
    }

    private void stop(String runId, String studyId, String reason) {
        try {
            launcher.stop(runId, "stopped by study " + studyId + ": " + reason);
            LOG.infof("study trial %s stopped: %s", runId, reason);
        } catch (ProblemException e) {
            LOG.infof("study trial %s not stopped now: %s", runId, e.getMessage());
        }
    }

    /** A completed study's best checkpoint, registered once as a version of its model (when it names one). */
    private StudyState withRegistration(StudySpec spec, StudyState state) {
        if (state.state() != StudyState.State.COMPLETED || spec.model() == null || state.bestTrial() == null) {
            return state;
        }
        Integer registered =
                studies.state(spec.studyId()).map(StudyState::registeredVersion).orElse(null);
        String message = state.message();
        if (registered == null) {
            String runId = StudyPlan.trialRunId(spec.studyId(), state.bestTrial());
            try {
                registered = models.versionOf(
                                spec.model(),
                                qualities.of(runId).stream()
                                        .filter(q -> q.step() == state.bestStep())
                                        .findFirst()
                                        .orElseThrow())
                        .number();
            } catch (ProblemException e) {
                message = message + "; not registered as a version of " + spec.model() + ": " + e.getMessage();
                if (e.status() < 500) {
                    unregistrable.add(spec.studyId()); // the model was deleted or changed: trying again cannot help
                }
            } catch (RuntimeException e) {
                message = message + "; not registered as a version of " + spec.model() + " yet: " + e.getMessage();
            }
        }
        return new StudyState(
                state.version(),
                state.studyId(),
                state.state(),
                state.objectiveFigure(),
                state.objectiveAt(),
                state.trials(),
                state.bestTrial(),
                state.bestStep(),
                state.bestValue(),
                registered,
                message,
                state.updatedMillis());
    }

    /** Saves and publishes the state when it changed (its time aside). */
    private void record(StudyState state) {
        metrics.observe(state);
        StudyState before = published.get(state.studyId());
        if (before == null || !sameBut(before, state)) {
            studies.save(state);
            states.send(Record.of(state.studyId(), state));
            published.put(state.studyId(), state);
        }
        if (state.state() == StudyState.State.COMPLETED
                && (state.registeredVersion() != null
                        || unregistrable.contains(state.studyId())
                        || studies.spec(state.studyId()).map(StudySpec::model).isEmpty())) {
            completed.add(state.studyId());
        }
    }

    private static boolean sameBut(StudyState a, StudyState b) {
        return a.state() == b.state()
                && a.trials().equals(b.trials())
                && Objects.equals(a.bestTrial(), b.bestTrial())
                && Objects.equals(a.registeredVersion(), b.registeredVersion());
    }
}
