package io.tapbridge.ledger;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

/**
 * The {@code machine_step} table: every remote step of every machine row with its outcome. A resumed row skips
 * the steps it finished; later rows of the same machine read what earlier ones did (assignments, mails sent).
 */
public final class MachineSteps {

    private final Jdbi jdbi;
    private final MachineRows rows;

    public MachineSteps(Jdbi jdbi, MachineRows rows) {
        this.jdbi = jdbi;
        this.rows = rows;
    }

    /**
     * Records the step and moves the row to it, in one transaction; false (and nothing recorded) when the row's claim
     * is no longer this copy's.
     */
    public boolean record(MachineRow row, MachineStep step, String tmid, String subscriptionId) {
        long rowId = row.id();
        return jdbi.inTransaction(h -> {
            if (!rows.progress(h, row, step.step(), tmid, subscriptionId)) {
                return false;
            }
            h.execute("insert into machine_step (row_id, step, application_id, outcome, result, http_method, http_path, http_status,"
                            + " message, started_at, duration_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rowId, step.step(),
                    step.applicationId(), step.outcome(), clip(step.result(), 400), step.httpMethod(), clip(step.httpPath(), 400),
                    step.httpStatus(), OrderLines.clip(step.message()), step.startedAt(), step.durationMs());
            return true;
        });
    }

    /** True while the last onboarding or offboarding of the machine by this bridge was an onboarding. */
    public boolean onboardedByBridge(String tmid) {
        return jdbi.withHandle(h -> h.createQuery("select s.step from machine_step s join machine_row r on r.id = s.row_id"
                        + " where r.tmid = ? and s.step in ('ONBOARD', 'OFFBOARD') and s.outcome = 'DONE' order by s.id desc fetch first 1 rows only")
                .bind(0, tmid).mapTo(String.class).findOne()).map("ONBOARD"::equals).orElse(false);
    }

    /** The finished steps of a row and what each produced, by {@link MachineStep#key()}. */
    public Map<String, String> finished(long rowId) {
        Map<String, String> done = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("select step, application_id, result from machine_step where row_id = ? and outcome = 'DONE'")
                .bind(0, rowId)
                .map((rs, ctx) -> Map.entry(MachineStep.key(rs.getString(1), rs.getString(2)), String.valueOf(rs.getString(3))))
                .forEach(e -> done.put(e.getKey(), e.getValue())));
        return done;
    }

    /** True when a row stored the configuration of the CloudConnector it created or found as {@code ccid}. */
    public boolean connectorConfigurationStored(String ccid) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from machine_step c join machine_step f on f.row_id = c.row_id"
                        + " where c.step = 'CONNECTOR' and c.outcome = 'DONE' and c.result = ?"
                        + " and f.step = 'CONNECTOR_CONFIGURATION' and f.outcome = 'DONE'")
                .bind(0, ccid).mapTo(Integer.class).one()) > 0;
    }

    /** True when a finished step of any row of this machine produced {@code result} (a mail to that customer, say). */
    public boolean everDone(String tmid, String step, String result) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from machine_step s join machine_row r on r.id = s.row_id"
                        + " where r.tmid = ? and s.step = ? and s.outcome = 'DONE' and s.result = ?")
                .bind(0, tmid).bind(1, step).bind(2, result).mapTo(Integer.class).one()) > 0;
    }

    /** The name the customer sees, as this bridge last set it for the machine in that subscription. */
    public Optional<String> customerMachineName(String tmid, String subscriptionId) {
        return jdbi.withHandle(h -> h.createQuery("select s.result from machine_step s join machine_row r on r.id = s.row_id"
                        + " where r.tmid = ? and r.customer_subscription_id = ? and s.step in ('ONBOARD', 'RENAME') and s.outcome = 'DONE'"
                        + " and coalesce(s.result, '') <> ''"
                        + " order by s.id desc fetch first 1 rows only")
                .bind(0, tmid).bind(1, subscriptionId).mapTo(String.class).findOne());
    }

    /** Applications this bridge assigned the machine to in that subscription and did not unassign since. */
    public Set<String> assignedApplications(String tmid, String subscriptionId) {
        Set<String> assigned = new LinkedHashSet<>();
        jdbi.useHandle(h -> h.createQuery("select s.step, s.application_id from machine_step s join machine_row r on r.id = s.row_id"
                        + " where r.tmid = ? and r.customer_subscription_id = ? and s.step in ('ASSIGN', 'UNASSIGN') and s.outcome = 'DONE'"
                        + " order by s.id")
                .bind(0, tmid).bind(1, subscriptionId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> {
                    if ("ASSIGN".equals(e.getKey())) {
                        assigned.add(e.getValue());
                    } else {
                        assigned.remove(e.getValue());
                    }
                }));
        return assigned;
    }

    /** Per row of the file: the per-application steps finished, as {@code step/applicationId} keys. */
    public Map<Long, Set<String>> applicationSteps(long fileId) {
        Map<Long, Set<String>> steps = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("select s.row_id, s.step, s.application_id from machine_step s join machine_row r on r.id = s.row_id"
                        + " where r.file_id = ? and s.application_id is not null and s.outcome = 'DONE'")
                .bind(0, fileId)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), MachineStep.key(rs.getString(2), rs.getString(3))))
                .forEach(e -> steps.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue())));
        return steps;
    }

    /** Every step of a row, oldest first: what an operator reads to see where a machine stands. */
    public List<MachineStep> ofRow(long rowId) {
        return jdbi.withHandle(h -> h.createQuery("select step, application_id, outcome, result, http_method, http_path, http_status,"
                        + " message, started_at, duration_ms from machine_step where row_id = ? order by id")
                .bind(0, rowId)
                .map((rs, ctx) -> new MachineStep(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8),
                        rs.getObject(9, java.time.OffsetDateTime.class).toInstant(), rs.getInt(10)))
                .list());
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
