package io.tapbridge.ledger;

import java.time.Clock;
import java.time.Instant;

import org.jdbi.v3.core.Jdbi;

/** The {@code tap_call} table: every remote call made for a batch, its answer and how it was taken. */
public final class TapCalls {

    private final Jdbi jdbi;
    private final Clock clock;

    public TapCalls(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param httpStatus null when no answer came
     * @param outcome    how the bridge took the answer, e.g. CREATED, REJECTED, UNKNOWN, NOT_SENT
     */
    public void record(long batchId, String procedure, Instant started, Integer httpStatus, String outcome, String tapUniqueId,
            String message) {
        long millis = Math.max(0, clock.millis() - started.toEpochMilli());
        jdbi.useHandle(h -> h.execute("insert into tap_call (batch_id, proc_name, started_at, duration_ms, http_status, outcome,"
                        + " tap_unique_id, message) values (?, ?, ?, ?, ?, ?, ?, ?)",
                batchId, procedure, started, (int) Math.min(millis, Integer.MAX_VALUE), httpStatus, outcome, tapUniqueId,
                OrderLines.clip(message)));
    }
}
