package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromotionPolicyTest {

    private static PromotionPolicy.Condition atLeast(String figure, double value) {
        return new PromotionPolicy.Condition(figure, value, null, null);
    }

    @Test
    void theIssuesExampleIsValid() {
        PromotionPolicy policy = new PromotionPolicy(List.of(
                new PromotionPolicy.Rule("staging", List.of(atLeast("accuracy", 0.85))),
                new PromotionPolicy.Rule(
                        "production",
                        List.of(
                                atLeast("accuracy", 0.85),
                                new PromotionPolicy.Condition("fcd", null, null, "production")))));
        assertEquals(List.of(), policy.problems());
    }

    @Test
    void anUnknownFigureAndAnImpossibleThresholdAreNamedWhereTheyAre() {
        PromotionPolicy policy = new PromotionPolicy(List.of(new PromotionPolicy.Rule(
                "staging",
                List.of(
                        atLeast("inception-score", 3),
                        atLeast("accuracy", 1.5),
                        new PromotionPolicy.Condition("fcd", null, -1.0, null),
                        new PromotionPolicy.Condition("recall", 0.5, 0.9, null)))));
        List<String> problems = policy.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("rules[0].when[0].figure must be one of"), problems.get(0));
        assertTrue(problems.get(1).contains("accuracy is never at least 1.5"), problems.get(1));
        assertTrue(problems.get(2).contains("fcd is never at most -1.0"), problems.get(2));
        assertTrue(problems.get(3).contains("exactly one of"), problems.get(3));
    }

    @Test
    void aPolicyWithoutRulesOrWithABadAliasIsRefused() {
        assertEquals(List.of("rules must hold 1 to 10 rules"), new PromotionPolicy(List.of()).problems());
        assertTrue(new PromotionPolicy(List.of(new PromotionPolicy.Rule("Prod!", List.of(atLeast("fcd", 1)))))
                .problems()
                .get(0)
                .startsWith("rules[0].alias must be"));
    }
}
