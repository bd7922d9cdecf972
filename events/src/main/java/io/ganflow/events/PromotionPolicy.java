package io.ganflow.events;

import java.util.ArrayList;
import java.util.List;

/**
 * When a new checkpoint of a model's runs becomes an alias' version, judged from its measured quality. Rules are tried
 * in order; each whose conditions all hold moves its alias to the checkpoint (registered as a new version). For
 * example, "staging when label accuracy is at least 0.85; production when it also beats production's FCD":
 *
 * <pre>
 * {"rules": [
 *   {"alias": "staging", "when": [{"figure": "accuracy", "atLeast": 0.85}]},
 *   {"alias": "production", "when": [{"figure": "accuracy", "atLeast": 0.85}, {"figure": "fcd", "beats": "production"}]}]}
 * </pre>
 */
public record PromotionPolicy(List<Rule> rules) {

    /** One rule: move {@code alias} when every condition holds. */
    public record Rule(String alias, List<Condition> when) {}

    /**
     * One condition on one figure: at least, at most, or better than the version an alias points to now (an alias
     * that points nowhere yet is beaten by anything). Exactly one of the three is given.
     */
    public record Condition(String figure, Double atLeast, Double atMost, String beats) {}

    public static final int MAX_RULES = 10;
    public static final int MAX_CONDITIONS = 10;

    /** What is wrong with the policy, each naming the place; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (rules == null || rules.isEmpty() || rules.size() > MAX_RULES) {
            problems.add("rules must hold 1 to " + MAX_RULES + " rules");
            return problems;
        }
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            String at = "rules[" + r + "]";
            if (rule == null) {
                problems.add(at + " must be a rule");
                continue;
            }
            if (!Ids.isValid(rule.alias())) {
                problems.add(at + ".alias must be " + Ids.RULE + ", was " + rule.alias());
            }
            if (rule.when() == null || rule.when().isEmpty() || rule.when().size() > MAX_CONDITIONS) {
                problems.add(at + ".when must hold 1 to " + MAX_CONDITIONS + " conditions");
                continue;
            }
            for (int c = 0; c < rule.when().size(); c++) {
                problems.addAll(problems(rule.when().get(c), at + ".when[" + c + "]"));
            }
        }
        return problems;
    }

    private static List<String> problems(Condition condition, String at) {
        if (condition == null) {
            return List.of(at + " must be a condition");
        }
        QualityFigure figure = QualityFigure.named(condition.figure());
        if (figure == null) {
            return List.of(at + ".figure must be one of " + QualityFigure.names() + ", was " + condition.figure());
        }
        int given = (condition.atLeast() != null ? 1 : 0)
                + (condition.atMost() != null ? 1 : 0)
                + (condition.beats() != null ? 1 : 0);
        if (given != 1) {
            return List.of(at + " must give exactly one of atLeast, atMost, beats");
        }
        Double threshold = condition.atLeast() != null ? condition.atLeast() : condition.atMost();
        if (threshold != null && !(threshold >= figure.lowest && threshold <= figure.highest)) {
            return List.of(at + ": " + figure.jsonName() + " is never "
                    + (condition.atLeast() != null ? "at least " : "at most ")
                    + threshold + " (it lies in [" + figure.lowest + ", "
                    + (figure.highest == Double.MAX_VALUE ? "infinity" : figure.highest) + "])");
        }
        if (condition.beats() != null && !Ids.isValid(condition.beats())) {
            return List.of(at + ".beats must name an alias (" + Ids.RULE + "), was " + condition.beats());
        }
        return List.of();
    }
}
