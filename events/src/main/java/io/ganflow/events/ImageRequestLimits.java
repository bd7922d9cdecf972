package io.ganflow.events;

/**
 * The most one image request may ask of a sampler: the sampler refuses more with a problem, and the gateway charges
 * a client's generation allowance no more than this for one request.
 */
public final class ImageRequestLimits {

    /** Columns of a grid (rows are the classes). */
    public static final int MAX_GRID_COLUMNS = 20;
    /** Images of one class in one request. */
    public static final int MAX_IMAGES = 100;

    private ImageRequestLimits() {}
}
