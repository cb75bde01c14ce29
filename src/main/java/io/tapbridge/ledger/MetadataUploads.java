package io.tapbridge.ledger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

/** The {@code tapio_metadata} table: each metadata file sent to tapio and tapio's answer. */
public final class MetadataUploads {

    private final Jdbi jdbi;
    private final Clock clock;

    public MetadataUploads(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void record(String tmid, String applicationId, String key, String fileName, String checksum, Integer httpStatus,
            String outcome, String message) {
        jdbi.useHandle(h -> h.execute("insert into tapio_metadata (tmid, application_id, meta_key, file_name, checksum, http_status,"
                        + " outcome, message, stored_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", tmid, applicationId, key, fileName, checksum,
                httpStatus, outcome, OrderLines.clip(message), clock.instant()));
    }

    /**
     * Every machine tap-bridge knows (registered, or given metadata), with the applications it knows of it (licensed,
     * assigned, or given metadata for): what the metadata report asks tapio about.
     */
    public Map<String, Set<String>> knownMachines() {
        Map<String, Set<String>> machines = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            h.createQuery("select distinct tmid from machine_row where tmid is not null order by tmid").mapTo(String.class)
                    .forEach(tmid -> machines.put(tmid, new LinkedHashSet<>()));
            h.createQuery("select distinct r.tmid, s.application_id from machine_step s join machine_row r on r.id = s.row_id"
                            + " where r.tmid is not null and s.application_id is not null and s.outcome = 'DONE' order by 1, 2")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> machines.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue()));
            h.createQuery("select distinct tmid, application_id from tapio_metadata where outcome = 'STORED' order by 1, 2")
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                    .forEach(row -> {
                        Set<String> apps = machines.computeIfAbsent(row[0], k -> new LinkedHashSet<>());
                        if (row[1] != null) {
                            apps.add(row[1]);
                        }
                    });
        });
        return machines;
    }
}
