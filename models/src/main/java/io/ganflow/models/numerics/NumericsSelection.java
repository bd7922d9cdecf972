package io.ganflow.models.numerics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses how this process computes convolutions: among the candidates, the fastest whose every layer agrees with
 * float64 here. Candidates are timed first and checked fastest first, so a healthy machine checks only one; a
 * candidate seen wrong is never chosen. A choice remembered for this machine is checked again before it is used.
 */
public final class NumericsSelection {

    /**
     * A later candidate must train this much faster than an earlier one to be preferred: the candidates are listed
     * simplest first, and a short timing at start-up varies by up to ~10% (measured: the vendor kernels and the padded
     * ones, 10% apart at batch 128, came out either way round at batch 32).
     */
    static final double MARGIN = 1.15;

    static final int ROUNDS = 2;

    /** What the selection needs from the machine: the real one computes ({@link LibtorchMachine}), tests fake it. */
    public interface Machine {
        /** Every convolution computes with {@code kernels} from now on. */
        void use(ConvolutionKernels kernels);

        /** What disagrees with float64, layer by layer, with the kernels in use; empty when every layer agrees. */
        List<String> disagreements();

        /** Training images per second with the kernels in use. */
        double trainingImagesPerSecond();
    }

    private final Machine machine;
    private final List<ConvolutionKernels> candidates;

    public NumericsSelection(Machine machine, List<ConvolutionKernels> candidates) {
        this.machine = machine;
        this.candidates = List.copyOf(candidates);
    }

    /** An operator's choice: used when it agrees with float64, else refused. */
    public Choice forced(ConvolutionKernels kernels) {
        machine.use(kernels);
        List<String> wrong = machine.disagreements();
        if (!wrong.isEmpty()) {
            throw new NoRightNumericsException(List.of(Trial.wrong(kernels, Double.NaN, wrong)), true);
        }
        return new Choice(kernels, "set by ganflow.numerics.configuration", List.of(Trial.right(kernels, Double.NaN)));
    }

    /** The remembered choice when it still agrees with float64 here, else a new choice without it. */
    public Choice remembered(ConvolutionKernels kernels) {
        machine.use(kernels);
        List<String> wrong = machine.disagreements();
        if (wrong.isEmpty()) {
            return new Choice(
                    kernels, "chosen before on this machine, checked again", List.of(Trial.right(kernels, Double.NaN)));
        }
        List<ConvolutionKernels> others = new ArrayList<>(candidates);
        others.remove(kernels);
        List<Trial> trials = new ArrayList<>(List.of(Trial.wrong(kernels, Double.NaN, wrong)));
        Choice fresh;
        try {
            fresh = new NumericsSelection(machine, others).choose();
        } catch (NoRightNumericsException e) {
            trials.addAll(e.trials());
            throw new NoRightNumericsException(trials, false);
        }
        trials.addAll(fresh.trials());
        return new Choice(fresh.kernels(), fresh.reason() + "; the choice remembered was wrong this time", trials);
    }

    /**
     * Times every candidate in {@link #ROUNDS} interleaved rounds, keeping each one's best (so that a busy moment,
     * such as other services starting beside it, falls on every candidate alike), then checks them fastest first
     * (within {@link #MARGIN}, simplest first).
     */
    public Choice choose() {
        double[] best = new double[candidates.size()];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < candidates.size(); i++) {
                machine.use(candidates.get(i));
                double speed = machine.trainingImagesPerSecond();
                best[i] = round == 0 ? speed : Math.max(best[i], speed);
            }
        }
        List<Timed> timed = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            timed.add(new Timed(candidates.get(i), i, best[i]));
        }
        timed.sort(Comparator.comparingDouble(Timed::rankingSpeed).reversed());
        List<Trial> trials = new ArrayList<>();
        Optional<ConvolutionKernels> chosen = Optional.empty();
        for (Timed candidate : timed) {
            if (chosen.isPresent()) {
                trials.add(Trial.unchecked(candidate.kernels, candidate.imagesPerSecond));
                continue;
            }
            machine.use(candidate.kernels);
            List<String> wrong = machine.disagreements();
            if (wrong.isEmpty()) {
                chosen = Optional.of(candidate.kernels);
                trials.add(Trial.right(candidate.kernels, candidate.imagesPerSecond));
            } else {
                trials.add(Trial.wrong(candidate.kernels, candidate.imagesPerSecond, wrong));
            }
        }
        if (chosen.isEmpty()) {
            throw new NoRightNumericsException(trials, false);
        }
        machine.use(chosen.get());
        String reason = trials.get(0).right()
                ? "the fastest, and every layer agrees with float64"
                : "the fastest whose every layer agrees with float64";
        return new Choice(chosen.get(), reason, trials);
    }

    /**
     * Ranks by speed, except that a candidate listed later must beat an earlier one by the margin: its speed is
     * counted as divided by the margin once per place it stands behind.
     */
    private record Timed(ConvolutionKernels kernels, int place, double imagesPerSecond) {
        double rankingSpeed() {
            double speed = Double.isFinite(imagesPerSecond) ? imagesPerSecond : 0;
            return speed / Math.pow(MARGIN, place);
        }
    }

    /** What was found of one candidate. */
    public record Trial(
            ConvolutionKernels kernels, double imagesPerSecond, Verdict verdict, List<String> disagreements) {

        public enum Verdict {
            RIGHT,
            WRONG,
            /** A faster candidate was right; this one was timed, not checked. */
            UNCHECKED
        }

        static Trial right(ConvolutionKernels kernels, double imagesPerSecond) {
            return new Trial(kernels, imagesPerSecond, Verdict.RIGHT, List.of());
        }

        static Trial wrong(ConvolutionKernels kernels, double imagesPerSecond, List<String> disagreements) {
            return new Trial(kernels, imagesPerSecond, Verdict.WRONG, List.copyOf(disagreements));
        }

        static Trial unchecked(ConvolutionKernels kernels, double imagesPerSecond) {
            return new Trial(kernels, imagesPerSecond, Verdict.UNCHECKED, List.of());
        }

        public boolean right() {
            return verdict == Verdict.RIGHT;
        }

        /** e.g. {@code vendor 152 img/s right}, {@code vendor 150 img/s wrong (4 checks, first: ...)}. */
        public String summary() {
            String speed = Double.isNaN(imagesPerSecond) ? "" : String.format(" %.0f img/s", imagesPerSecond);
            String found = switch (verdict) {
                case RIGHT -> "right";
                case UNCHECKED -> "not checked";
                case WRONG -> "wrong (" + disagreements.size() + " checks, first: " + disagreements.get(0) + ")";
            };
            return kernels.id() + speed + " " + found;
        }
    }

    /** The kernels chosen, why, and what was found of each candidate looked at. */
    public record Choice(ConvolutionKernels kernels, String reason, List<Trial> trials) {}
}
