package io.ganflow.gateway.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code capacity} tokens at most, refilled at {@code perSecond}. Taking more than there are takes
 * nothing and says how long until there would be enough; taking more than the capacity takes a full bucket.
 */
final class TokenBucket {

    private final double capacity;
    private final double perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double capacity, double perSecond, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.updatedNanos = nanoTime.getAsLong();
    }

    /** Gives back tokens taken for work that did not happen. */
    synchronized void giveBack(double amount) {
        tokens = Math.min(capacity, tokens + amount);
    }

    /**
     * For work larger than a burst: 0 when the bucket held at least a full burst's worth (or {@code amount}, if
     * less), and then all of {@code amount} is taken, leaving the bucket in debt that refills before anything more is
     * taken; otherwise the seconds to wait (at least 1), and nothing is taken.
     */
    synchronized long charge(double amount) {
        refill();
        double needed = Math.min(amount, capacity);
        if (needed <= tokens) {
            tokens -= amount;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) / perSecond));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - updatedNanos) / 1e9 * perSecond);
        updatedNanos = now;
    }

    /** 0 when {@code amount} tokens were taken; otherwise the seconds to wait (at least 1), and nothing is taken. */
    synchronized long take(double wanted) {
        double amount = Math.min(wanted, capacity);
        refill();
        if (amount <= tokens) {
            tokens -= amount;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((amount - tokens) / perSecond));
    }
}
