package io.ganflow.gateway.studies;

import io.ganflow.events.StudyState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The studies' load as an operator sees it on /q/metrics: {@code ganflow_gateway_study_trials{state=...}}, the trials
 * of every study this gateway has scheduled by their state, and {@code ganflow_gateway_studies_running}. Labelled by
 * state only, never by study id, so the series stay few however many studies there are.
 */
@ApplicationScoped
public class StudyMetrics {

    /** The states a trial can be in ({@link StudyState.Trial#state()}). */
    static final List<String> TRIAL_STATES =
            List.of("WAITING", "TRAINING", "STOPPING", "COMPLETED", "STOPPED", "FAILED");

    private final Map<String, StudyState> latest = new ConcurrentHashMap<>();

    public StudyMetrics(MeterRegistry meters) {
        for (String state : TRIAL_STATES) {
            Gauge.builder("ganflow.gateway.study.trials", latest, studies -> trialsIn(studies, state))
                    .tag("state", state)
                    .description("trials of the studies this gateway schedules, by state")
                    .register(meters);
        }
        Gauge.builder("ganflow.gateway.studies.running", latest, StudyMetrics::running)
                .description("studies not yet completed")
                .register(meters);
    }

    /** Where a study stands now. */
    void observe(StudyState state) {
        latest.put(state.studyId(), state);
    }

    private static double trialsIn(Map<String, StudyState> studies, String state) {
        return studies.values().stream()
                .flatMap(study -> study.trials().stream())
                .filter(trial -> trial.state().equals(state))
                .count();
    }

    private static double running(Map<String, StudyState> studies) {
        return studies.values().stream()
                .filter(study -> study.state() == StudyState.State.RUNNING)
                .count();
    }
}
