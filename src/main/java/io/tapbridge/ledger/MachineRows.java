package io.tapbridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.model.MachineColumn;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@code machine_row} table. Rows are claimed with row locks and a lease, as order batches are; a row is not
 * claimed while an earlier row of the same machine is still open, so that "register" and a later "offboard" of one
 * machine run in the order the ERP wrote them.
 */
public final class MachineRows {

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, file_id, row_number, action, serial_number, fields, state, step, tmid,"
            + " customer_subscription_id, message, attempts, lease_owner";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final String owner;
    private final Duration lease;
    private final RowMapper<MachineRow> mapper;

    public MachineRows(Jdbi jdbi, ObjectMapper json, Clock clock, String owner, Duration lease) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        this.mapper = (rs, ctx) -> new MachineRow(rs.getLong("id"), rs.getLong("file_id"), rs.getInt("row_number"),
                rs.getString("action"), rs.getString("serial_number"), columns(rs.getString("fields")), rs.getString("state"),
                rs.getString("step"), rs.getString("tmid"), rs.getString("customer_subscription_id"), rs.getString("message"),
                rs.getInt("attempts"), rs.getString("lease_owner"));
    }

    /** Stages one row of a file, PENDING (perhaps with warnings) or, with a reason, REJECTED. */
    public void insert(Handle h, long fileId, int rowNumber, long sourceLine, String action, String serialNumber,
            Map<MachineColumn, String> values, String rejection, String warnings) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (!value.isEmpty()) {
                fields.put(column.fieldName(), value);
            }
        });
        Instant now = clock.instant();
        try {
            h.execute("insert into machine_row (file_id, row_number, source_line, action, serial_number, fields, state, message,"
                            + " due_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", fileId, rowNumber, sourceLine,
                    clip(action, 20), serialNumber.isEmpty() ? null : clip(serialNumber, 100), json.writeValueAsString(fields),
                    rejection == null ? MachineRow.PENDING : MachineRow.REJECTED, OrderLines.clip(rejection == null ? warnings : rejection), now, now);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every application id a machines file has named so far (column applicationIds), sorted. */
    public java.util.SortedSet<String> applicationIdsNamed() {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>();
        jdbi.useHandle(h -> h.createQuery("select fields from machine_row where fields like '%applicationIds%'").mapTo(String.class)
                .forEach(fields -> columns(fields).getOrDefault(MachineColumn.APPLICATION_IDS, "").lines()
                        .flatMap(line -> java.util.Arrays.stream(line.split("\\|")))
                        .map(String::strip).filter(id -> !id.isEmpty()).forEach(ids::add)));
        return ids;
    }

    /** Rows with steps due, claimed for this instance: none twice, and never two open rows of one machine at once. */
    public List<MachineRow> claimDue(int max) {
        // each claim has its own name: a copy of a row claimed earlier, whose lease lapsed, is told apart from this one
        String claim = owner + "#" + java.util.UUID.randomUUID();
        return Claims.claim(jdbi, "select " + COLUMNS + " from machine_row r where state = 'PENDING' and due_at <= :now"
                        + " and not exists (select 1 from machine_row e where e.serial_number = r.serial_number"
                        + " and e.state = 'PENDING' and (e.file_id < r.file_id or (e.file_id = r.file_id and e.row_number < r.row_number)))",
                "machine_row", clock.instant(), max, lease, claim, q -> q.map(mapper).list(), MachineRow::id)
                .stream().map(r -> r.claimedAs(claim)).toList();
    }

    /**
     * Starts working a claimed row: true, with the lease renewed, while the claim is still the row's; false when it
     * lapsed and the row was claimed again or finished meanwhile (this copy must then leave it alone).
     */
    public boolean start(MachineRow row) {
        return jdbi.withHandle(h -> h.execute("update machine_row set lease_until = ? where id = ? and lease_owner = ? and state = 'PENDING'",
                clock.instant().plus(lease), row.id(), row.claim())) == 1;
    }

    /**
     * The step reached, and what the row learnt so far, inside the transaction that records the step; renews the
     * lease. False when the claim is no longer the row's.
     */
    public boolean progress(Handle h, MachineRow row, String step, String tmid, String subscriptionId) {
        Instant now = clock.instant();
        return h.execute("update machine_row set step = ?, tmid = coalesce(?, tmid), customer_subscription_id = coalesce(?, customer_subscription_id),"
                + " lease_until = ?, updated_at = ? where id = ? and lease_owner = ?", step, tmid, subscriptionId, now.plus(lease), now,
                row.id(), row.claim()) == 1;
    }

    /** Final: DONE (message may carry warnings) or FAILED at {@code step}; releases the claim. */
    public void finish(MachineRow row, String state, String step, String message) {
        jdbi.useHandle(h -> h.execute("update machine_row set state = ?, step = coalesce(?, step), message = ?, lease_owner = null,"
                + " lease_until = null, updated_at = ? where id = ? and lease_owner = ?", state, step, OrderLines.clip(message),
                clock.instant(), row.id(), row.claim()));
    }

    /** A transient failure: the row stays PENDING and is taken up again at {@code due}, at the step where it stopped. */
    public void retryAt(MachineRow row, String step, Instant due, String message) {
        jdbi.useHandle(h -> h.execute("update machine_row set step = ?, message = ?, attempts = attempts + 1, due_at = ?,"
                + " lease_owner = null, lease_until = null, updated_at = ? where id = ? and lease_owner = ?", step,
                OrderLines.clip(message), due, clock.instant(), row.id(), row.claim()));
    }

    public List<MachineRow> ofFile(long fileId) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from machine_row where file_id = ? order by row_number")
                .bind(0, fileId).map(mapper).list());
    }

    /** Rows of the file not yet final: the file is done when there are none. */
    public int open(long fileId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from machine_row where file_id = ? and state = 'PENDING'")
                .bind(0, fileId).mapTo(Integer.class).one());
    }

    /** The customer subscription this bridge last onboarded the machine into (an onboarding that succeeded), if any. */
    public Optional<String> lastSubscriptionOf(String tmid) {
        return jdbi.withHandle(h -> h.createQuery("select r.customer_subscription_id from machine_row r join machine_step s on s.row_id = r.id"
                        + " where r.tmid = ? and s.step = 'ONBOARD' and s.outcome = 'DONE' order by s.id desc fetch first 1 rows only")
                .bind(0, tmid).mapTo(String.class).findOne());
    }

    private Map<MachineColumn, String> columns(String fields) {
        try {
            Map<MachineColumn, String> values = new EnumMap<>(MachineColumn.class);
            json.readValue(fields, FIELDS).forEach((name, value) ->
                    MachineColumn.byHeaderName(name).ifPresent(column -> values.put(column, value)));
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("machine_row.fields is not a JSON object", e);
        }
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
