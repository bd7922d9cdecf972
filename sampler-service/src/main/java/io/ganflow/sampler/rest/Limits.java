package io.ganflow.sampler.rest;

/** Bounds on what one request may ask for. */
final class Limits {

    private Limits() {}

    static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
