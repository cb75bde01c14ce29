package io.tapbridge.ledger;

import java.time.Clock;

import org.jdbi.v3.core.Handle;

/** The {@code tap_call} table: every remote call made for a batch, its answer and how it was taken. */
public final class TapCalls {

    private final Clock clock;

    public TapCalls(Clock clock) {
        this.clock = clock;
    }

    /** Inserts the call in the caller's transaction (the one that records what the call changed). */
    void insert(Handle h, long batchId, TapCall call) {
        long millis = Math.max(0, clock.millis() - call.started().toEpochMilli());
        h.execute("insert into tap_call (batch_id, proc_name, started_at, duration_ms, http_status, outcome, tap_unique_id, message)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                batchId, call.procedure(), call.started(), (int) Math.min(millis, Integer.MAX_VALUE), call.httpStatus(), call.outcome(),
                call.tapUniqueId(), OrderLines.clip(call.message()));
    }
}
