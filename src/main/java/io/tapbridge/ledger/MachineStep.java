package io.tapbridge.ledger;

import java.time.Instant;

/**
 * One remote step taken for a machine row, and its outcome: {@code DONE} (with what it produced in {@code result}),
 * {@code FAILED} (tapio refused; the row fails here) or {@code RETRY} (no answer, throttled or a 5xx: tried again later).
 */
public record MachineStep(String step, String applicationId, String outcome, String result, String httpMethod,
        String httpPath, Integer httpStatus, String message, Instant startedAt, int durationMs) {

    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String RETRY = "RETRY";

    /** How a step is found again when a row resumes: the step, and the application for per-application steps. */
    public String key() {
        return key(step, applicationId);
    }

    public static String key(String step, String applicationId) {
        return applicationId == null ? step : step + "/" + applicationId;
    }
}
