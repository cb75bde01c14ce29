package io.tapbridge.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Switches that make the next requests misbehave, the ways the real gateway and store do. Each switch
 * is a counter consumed by one request at a time; arming a switch again replaces its count and
 * parameter. Thread-safe: tests arm switches while the event loop consumes them.
 */
public final class SandboxFaults {

    /** What a consumed switch asks the server to do. */
    record Failure(int httpStatus) {
    }

    record RateLimit(int retryAfterSeconds) {
    }

    private int createFailures;
    private int createFailureStatus;
    private int slowCreates;
    private Duration slowCreateDelay = Duration.ZERO;
    private int rateLimits;
    private int retryAfterSeconds;
    private int getFailures;
    private int getFailureStatus;

    /**
     * The next {@code count} TAP_CREATE_ORDER_API requests are answered with {@code httpStatus} and create
     * nothing: 500 as the JSON internal error, 503 as the gateway's HTML "Access is denied" page, 504 as
     * the HTML gateway timeout page (other statuses: JSON error body with that status).
     */
    public synchronized void failNextCreates(int count, int httpStatus) {
        requireCount(count);
        requireErrorStatus(httpStatus);
        createFailures = count;
        createFailureStatus = httpStatus;
    }

    /**
     * The next {@code count} TAP_CREATE_ORDER_API requests are processed at once (validated, order created
     * ORDER_CREATION_INPROGRESS) but answered only after {@code delay}: a client timeout where the store
     * still creates the order.
     */
    public synchronized void slowNextCreates(int count, Duration delay) {
        requireCount(count);
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        slowCreates = count;
        slowCreateDelay = delay;
    }

    /** The next {@code count} API requests, any procedure, get 429 with Retry-After and no effect. */
    public synchronized void rateLimitNext(int count, int retryAfterSeconds) {
        requireCount(count);
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must not be negative");
        }
        rateLimits = count;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The next {@code count} GET procedure requests answer {@code httpStatus} (500 JSON, 503/504 HTML) without effect. */
    public synchronized void failNextGets(int count, int httpStatus) {
        requireCount(count);
        requireErrorStatus(httpStatus);
        getFailures = count;
        getFailureStatus = httpStatus;
    }

    public synchronized void clear() {
        createFailures = 0;
        slowCreates = 0;
        rateLimits = 0;
        getFailures = 0;
    }

    synchronized Failure takeCreateFailure() {
        if (createFailures <= 0) {
            return null;
        }
        createFailures--;
        return new Failure(createFailureStatus);
    }

    synchronized Duration takeSlowCreate() {
        if (slowCreates <= 0) {
            return null;
        }
        slowCreates--;
        return slowCreateDelay;
    }

    synchronized RateLimit takeRateLimit() {
        if (rateLimits <= 0) {
            return null;
        }
        rateLimits--;
        return new RateLimit(retryAfterSeconds);
    }

    synchronized Failure takeGetFailure() {
        if (getFailures <= 0) {
            return null;
        }
        getFailures--;
        return new Failure(getFailureStatus);
    }

    private static void requireCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }

    private static void requireErrorStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("httpStatus must be an error status (4xx/5xx), not " + status);
        }
    }
}
