package io.tapbridge.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

/** Counts over the ledger for the operators' metrics: files by flow and state, batches and their lines, machine rows. */
public final class LedgerStatistics {

    /**
     * One reading.
     *
     * @param files           files by "FLOW/STATE"
     * @param batches         TAP batches by state
     * @param batchLines      their lines by the batch's state
     * @param machineRows     machine rows by state
     * @param oldestOpenFile  when the oldest file not yet DONE was staged, if any
     */
    public record Snapshot(Map<String, Long> files, Map<String, Long> batches, Map<String, Long> batchLines, Map<String, Long> machineRows,
            Optional<Instant> oldestOpenFile) {
    }

    private final Jdbi jdbi;

    public LedgerStatistics(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Snapshot read() {
        return jdbi.withHandle(h -> {
            Map<String, Long> files = new HashMap<>();
            h.createQuery("select flow, state, count(*) from erp_file group by flow, state")
                    .map((rs, ctx) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3)))
                    .forEach(e -> files.put(e.getKey(), e.getValue()));
            Map<String, Long> batches = new HashMap<>();
            Map<String, Long> lines = new HashMap<>();
            h.createQuery("select state, count(*), sum(line_count) from tap_batch group by state").map((rs, ctx) -> {
                batches.put(rs.getString(1), rs.getLong(2));
                lines.put(rs.getString(1), rs.getLong(3));
                return 0;
            }).list();
            Map<String, Long> rows = new HashMap<>();
            h.createQuery("select state, count(*) from machine_row group by state")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> rows.put(e.getKey(), e.getValue()));
            Optional<Instant> oldest = h.createQuery("select min(staged_at) from erp_file where state <> 'DONE'")
                    .map((rs, ctx) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).findFirst();
            return new Snapshot(files, batches, lines, rows, oldest);
        });
    }
}
