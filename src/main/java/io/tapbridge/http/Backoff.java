package io.tapbridge.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code initial × 2^(n-1)}, capped at
 * {@code max}; a server's {@code Retry-After} is a lower bound. The jitter keeps many retrying batches from
 * arriving together.
 */
public record Backoff(Duration initial, Duration max) {

    public Duration delay(int attempt, Duration retryAfter) {
        long ceiling = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        ceiling = Math.min(ceiling, max.toMillis());
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        long floor = retryAfter == null ? 0 : retryAfter.toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
