package io.ganflow.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private long now = 0;

    @Test
    void aBurstIsAllowedThenTheRateAndAnOverdraftSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(100, 10, () -> now);
        assertEquals(0, bucket.take(60));
        assertEquals(0, bucket.take(40));
        assertEquals(3, bucket.take(25), "25 more tokens take 2.5 s at 10 per second");
        now += 2_000_000_000L; // 20 tokens back
        assertEquals(1, bucket.take(25));
        assertEquals(0, bucket.take(20));
        now += 3_600_000_000_000L;
        assertEquals(0, bucket.take(100), "never more than the burst");
        assertEquals(1, bucket.take(1));
        assertEquals(10, bucket.take(500), "a request larger than the burst waits for a full bucket");
        bucket.giveBack(30);
        assertEquals(0, bucket.take(30), "what was given back can be taken again");
        bucket.giveBack(1_000);
        assertEquals(0, bucket.take(100));
        assertEquals(1, bucket.take(1), "never more than the burst, even after giving back");
    }
}
