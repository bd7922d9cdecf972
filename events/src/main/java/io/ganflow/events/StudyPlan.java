package io.ganflow.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The trials of a study, in the order they start: every point of a grid (the first setting, in {@link StudySetting}'s
 * order, varying slowest), or {@code maxTrials} points drawn from the study's seed. The same study always plans the
 * same trials with the same run ids, so a scheduler that starts again starts none of them twice.
 */
public final class StudyPlan {

    /** One trial: its place in the study, its run id, the point of the space it tries and the spec it trains. */
    public record Trial(int index, String runId, Map<String, Object> settings, RunSpec spec) {}

    private StudyPlan() {}

    public static String trialRunId(String studyId, int index) {
        return studyId + "-t" + index;
    }

    /** The study's trials; {@code study} must have no {@link StudySpec#problems}. */
    public static List<Trial> trials(StudySpec study) {
        List<Map.Entry<StudySetting, StudySpec.Dimension>> dimensions = dimensions(study);
        List<Map<String, Object>> points = StudySpec.GRID.equals(study.method())
                ? grid(dimensions, study.budget().maxTrials())
                : random(dimensions, study.budget().maxTrials(), study.seed());
        List<Trial> trials = new ArrayList<>();
        for (Map<String, Object> point : points) {
            int index = trials.size();
            RunSpec spec = study.base().withRunId(trialRunId(study.studyId(), index));
            for (Map.Entry<String, Object> setting : point.entrySet()) {
                spec = StudySetting.named(setting.getKey()).orElseThrow().apply(spec, setting.getValue());
            }
            trials.add(new Trial(index, spec.runId(), point, spec));
        }
        return trials;
    }

    /**
     * Why the planned trials cannot run (a model on a data set of another shape, say), each naming its trial and
     * point; at most {@code most}. {@code datasets} finds data sets by name, uploads included.
     */
    public static List<String> trialProblems(
            StudySpec study, Function<String, Optional<Catalog.Dataset>> datasets, int most) {
        List<String> problems = new ArrayList<>();
        for (Trial trial : trials(study)) {
            for (String problem : trial.spec().problems(datasets)) {
                if (problems.size() < most) {
                    problems.add("trial " + trial.index() + " " + trial.settings() + ": " + problem);
                }
            }
        }
        return problems;
    }

    private static List<Map.Entry<StudySetting, StudySpec.Dimension>> dimensions(StudySpec study) {
        return study.space().entrySet().stream()
                .map(e -> Map.entry(StudySetting.named(e.getKey()).orElseThrow(), e.getValue()))
                .sorted(Comparator.comparing(e -> e.getKey().ordinal()))
                .toList();
    }

    private static List<Map<String, Object>> grid(
            List<Map.Entry<StudySetting, StudySpec.Dimension>> dimensions, int most) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<StudySetting, StudySpec.Dimension> dimension : dimensions) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> point : points) {
                for (Object value : dimension.getValue().values()) {
                    Map<String, Object> extended = new LinkedHashMap<>(point);
                    extended.put(dimension.getKey().jsonName, value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points.subList(0, Math.min(most, points.size()));
    }

    private static List<Map<String, Object>> random(
            List<Map.Entry<StudySetting, StudySpec.Dimension>> dimensions, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> point = new LinkedHashMap<>();
            for (Map.Entry<StudySetting, StudySpec.Dimension> dimension : dimensions) {
                point.put(dimension.getKey().jsonName, draw(random, dimension.getKey(), dimension.getValue()));
            }
            points.add(point);
        }
        return points;
    }

    private static Object draw(SplittableRandom random, StudySetting setting, StudySpec.Dimension dimension) {
        if (!dimension.isRange()) {
            return dimension.values().get(random.nextInt(dimension.values().size()));
        }
        double min = dimension.min();
        double max = dimension.max();
        double unit = random.nextDouble();
        double value = dimension.logScale()
                ? Math.exp(Math.log(min) + unit * (Math.log(max) - Math.log(min)))
                : min + unit * (max - min);
        if (setting.kind == StudySetting.Kind.WHOLE) {
            return Math.round(Math.max(min, Math.min(max, value)));
        }
        // a learning rate's open bound: a draw never lands on it
        return setting.range != null && !setting.range.admits(value) ? (min + max) / 2 : value;
    }
}
