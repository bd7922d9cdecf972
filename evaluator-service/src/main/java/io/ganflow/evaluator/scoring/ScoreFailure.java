package io.ganflow.evaluator.scoring;

/** A synthetic data set that cannot be scored, with the reason its requester reads; trying again would not help. */
final class ScoreFailure extends RuntimeException {
    ScoreFailure(String message) {
        super(message);
    }
}
