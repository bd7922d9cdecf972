package io.ganflow.models.classifier;

import ai.djl.ndarray.types.Shape;

/** What a reference classifier takes and tells apart: images of {@code channels x side x side}, {@code classes}. */
public record ClassifierShape(int channels, int side, int classes) {

    public ClassifierShape {
        if (channels < 1 || side < 4 || classes < 2) {
            throw new IllegalArgumentException(
                    "a classifier needs images of 1+ channels and side 4+ and 2+ classes, was " + channels + "x" + side
                            + "x" + side + " with " + classes + " classes");
        }
    }

    public int imageBytes() {
        return channels * side * side;
    }

    Shape imageShape(long batch) {
        return new Shape(batch, channels, side, side);
    }
}
