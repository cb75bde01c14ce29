package io.tapbridge.sandbox;

import java.time.Instant;

/**
 * One request the sandbox received (API or token endpoint). {@code procName} is the envelope's ProcName
 * when it could be read, else null; {@code httpStatus} is 0 while the answer is still pending (a slowed
 * create); {@code uniqueId} is the uniqueId of the answer body, null when the answer had none (401, 429,
 * injected 5xx, token endpoint).
 */
public record RecordedCall(Instant at, String method, String path, String procName, int httpStatus, String uniqueId) {
}
