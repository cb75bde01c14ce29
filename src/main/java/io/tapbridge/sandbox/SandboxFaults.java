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
    private int oddCreates;
    private OddAnswer oddAnswer;
    private Duration oddDelay = Duration.ZERO;

    /**
     * Answers to TAP_CREATE_ORDER_API that the text does not describe, each given after the store created the order:
     * what a client must not take for "nothing was created".
     */
    public enum OddAnswer {
        /** HTTP 200 and {"statusCode":"200","status":"SUCCESS"} without uniqueId. */
        OK_WITHOUT_UNIQUE_ID,
        /** HTTP 202 with the usual success body. */
        ACCEPTED,
        /** HTTP 200 with an HTML page. */
        OK_NOT_JSON,
        /** HTTP 409 with a JSON error body. */
        CONFLICT,
        /** HTTP 504, the gateway's HTML page, after the delay (the store goes on and creates the order). */
        GATEWAY_TIMEOUT
    }

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

    /**
     * The next {@code count} valid TAP_CREATE_ORDER_API requests create their order, then are answered
     * {@code answer} after {@code delay} (on top of the latency).
     */
    public synchronized void answerNextCreatesOddly(int count, OddAnswer answer, Duration delay) {
        requireCount(count);
        oddCreates = count;
        oddAnswer = Objects.requireNonNull(answer, "answer");
        oddDelay = Objects.requireNonNull(delay, "delay");
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
        oddCreates = 0;
    }

    record Odd(OddAnswer answer, Duration delay) {
    }

    synchronized Odd takeOddCreate() {
        if (oddCreates <= 0) {
            return null;
        }
        oddCreates--;
        return new Odd(oddAnswer, oddDelay);
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
