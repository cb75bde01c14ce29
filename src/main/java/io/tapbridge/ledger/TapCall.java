package io.tapbridge.ledger;

import java.time.Instant;

/**
 * One remote call made for a batch and how the bridge took its answer; stored with the state change it caused.
 *
 * @param httpStatus null when no answer came
 * @param outcome    e.g. CREATED, REJECTED, UNKNOWN, NOT_SENT, FOUND, NOT_FOUND, OK, FAILED
 */
public record TapCall(String procedure, Instant started, Integer httpStatus, String outcome, String tapUniqueId, String message) {
}
