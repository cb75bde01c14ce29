package io.tapbridge.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tapbridge.ledger.LedgerStatistics;

/**
 * The bridge's state as an operator's metrics on {@code /observe/metrics}, read from the ledger (so every instance
 * shows the same): files per flow and state, TAP batches and their lines per state (waiting, reconciling, needing
 * attention, ...), machine rows per state, and the age of the oldest file not yet done. A scrape reads the ledger
 * at most every {@value #FRESH_SECONDS} seconds. The gauges hold this object strongly: Micrometer's default weak
 * reference would let it be collected, and every gauge would read NaN.
 */
public final class BusinessMetrics {

    private static final long FRESH_SECONDS = 5;
    private static final List<String> FLOWS = List.of("ORDERS", "MACHINES");
    private static final List<String> FILE_STATES = List.of("STAGED", "PLANNED", "DONE");
    private static final List<String> BATCH_STATES = List.of("READY", "SENDING", "RECONCILE", "SUBMITTED", "ORDER_CREATION_INPROGRESS",
            "ORDER_ON_HOLD", "SUCCESS", "ERROR", "REJECTED", "ATTENTION");
    private static final List<String> ROW_STATES = List.of("PENDING", "DONE", "FAILED", "REJECTED");

    private final LedgerStatistics statistics;
    private final Clock clock;
    private LedgerStatistics.Snapshot snapshot;
    private Instant readAt = Instant.MIN;

    private BusinessMetrics(LedgerStatistics statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    public static void register(LedgerStatistics statistics, MeterRegistry meters, Clock clock) {
        BusinessMetrics metrics = new BusinessMetrics(statistics, clock);
        for (String flow : FLOWS) {
            for (String state : FILE_STATES) {
                Gauge.builder("tapbridge.files", metrics, m -> m.now().files().getOrDefault(flow + "/" + state, 0L))
                        .description("ERP files by flow and state").tags("flow", flow.toLowerCase(java.util.Locale.ROOT), "state", state).strongReference(true).register(meters);
            }
        }
        for (String state : BATCH_STATES) {
            Gauge.builder("tapbridge.tap.batches", metrics, m -> m.now().batches().getOrDefault(state, 0L))
                    .description("TAP orders (batches of up to 20 lines) by state").tag("state", state).strongReference(true).register(meters);
            Gauge.builder("tapbridge.tap.lines", metrics, m -> m.now().batchLines().getOrDefault(state, 0L))
                    .description("Order lines in TAP batches, by the batch's state").tag("state", state).strongReference(true).register(meters);
        }
        for (String state : ROW_STATES) {
            Gauge.builder("tapbridge.machine.rows", metrics, m -> m.now().machineRows().getOrDefault(state, 0L))
                    .description("Machines-file rows by state").tag("state", state).strongReference(true).register(meters);
        }
        Gauge.builder("tapbridge.oldest.open.file.age", metrics, m -> m.now().oldestOpenFile()
                        .map(at -> (double) Duration.between(at, m.clock.instant()).toSeconds()).orElse(0.0))
                .description("Seconds since the oldest file not yet DONE was staged (0: none open)").baseUnit("seconds").strongReference(true).register(meters);
    }

    private synchronized LedgerStatistics.Snapshot now() {
        Instant at = clock.instant();
        if (snapshot == null || at.isAfter(readAt.plusSeconds(FRESH_SECONDS))) {
            snapshot = statistics.read();
            readAt = at;
        }
        return snapshot;
    }
}
