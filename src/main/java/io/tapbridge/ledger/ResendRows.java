package io.tapbridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@code resend_row} table: TAP activation resends, each sent at most once. A row is claimed with a row lock and
 * a lease; its intent (SENDING) is committed before the call, so that a row found SENDING after a crash is reported
 * as of unknown outcome and never sent again: a resend reaches a person (an e-mail, a device).
 */
public final class ResendRows {

    /** One row, as claimed. */
    public record ResendRow(long id, long fileId, int rowNumber, String serialNumber, String request, String state, String claim) {
    }

    /** One row's result, for the status file. */
    public record Result(int rowNumber, String serialNumber, String state, String tapUniqueId, String message) {
    }

    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
    public static final String REJECTED = "REJECTED";

    private static final String COLUMNS = "id, file_id, row_number, serial_number, request, state, lease_owner";
    private static final RowMapper<ResendRow> ROW = (rs, ctx) -> new ResendRow(rs.getLong("id"), rs.getLong("file_id"),
            rs.getInt("row_number"), rs.getString("serial_number"), rs.getString("request"), rs.getString("state"), rs.getString("lease_owner"));

    private final Jdbi jdbi;
    private final Clock clock;
    private final String owner;
    private final Duration lease;

    public ResendRows(Jdbi jdbi, Clock clock, String owner, Duration lease) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
    }

    /** Stages one row: PENDING with its request, or REJECTED with the reason (then it is never sent). */
    public void insert(Handle h, long fileId, int rowNumber, long sourceLine, String serialNumber, String request, String rejection) {
        Instant now = clock.instant();
        h.execute("insert into resend_row (file_id, row_number, source_line, serial_number, request, state, message, due_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", fileId, rowNumber, sourceLine,
                serialNumber == null || serialNumber.isEmpty() ? null : clip(serialNumber, 100), request,
                rejection == null ? PENDING : REJECTED, OrderLines.clip(rejection), now, now);
    }

    /**
     * Rows to send, claimed for this instance: due PENDING ones, and SENDING ones whose claim lapsed (their instance
     * stopped during the call), which are only ever reported, never sent again.
     */
    public List<ResendRow> claimDue(int max) {
        String claim = owner + "#" + java.util.UUID.randomUUID();
        return Claims.claim(jdbi, "select " + COLUMNS + " from resend_row where ((state = 'PENDING' and due_at <= :now) or state = 'SENDING')",
                "resend_row", clock.instant(), max, lease, claim, q -> q.map(ROW).list(), ResendRow::id)
                .stream().map(r -> new ResendRow(r.id(), r.fileId(), r.rowNumber(), r.serialNumber(), r.request(), r.state(), claim)).toList();
    }

    /** The intent, committed before the call: false when the claim is no longer this copy's (then nothing is sent). */
    public boolean intent(ResendRow row) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.execute("update resend_row set state = 'SENDING', lease_until = ?, updated_at = ?"
                + " where id = ? and lease_owner = ? and state = 'PENDING'", now.plus(lease), now, row.id(), row.claim())) == 1;
    }

    /** The row's end: SENT (with TAP's uniqueId) or FAILED (with why). */
    public void finish(ResendRow row, String state, String uniqueId, String message) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.execute("update resend_row set state = ?, tap_unique_id = ?, message = ?, lease_owner = null,"
                + " lease_until = null, updated_at = ? where id = ? and lease_owner = ?", state, uniqueId, OrderLines.clip(message), now,
                row.id(), row.claim()));
    }

    /** Not sent after all (the request never left): PENDING again, due later. */
    public void later(ResendRow row, Instant due, String message) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.execute("update resend_row set state = 'PENDING', due_at = ?, message = ?, lease_owner = null,"
                + " lease_until = null, updated_at = ? where id = ? and lease_owner = ?", due, OrderLines.clip(message), now, row.id(), row.claim()));
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    /** Rows of a file not yet final: the file is done when there are none. */
    public int open(long fileId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from resend_row where file_id = ? and state in ('PENDING', 'SENDING')")
                .bind(0, fileId).mapTo(Integer.class).one());
    }

    /** A file's rows in row order. */
    public void forEachResult(long fileId, Consumer<Result> result) {
        jdbi.useHandle(h -> h.createQuery("select row_number, serial_number, state, tap_unique_id, message from resend_row where file_id = ?"
                        + " order by row_number").bind(0, fileId)
                .map((rs, ctx) -> new Result(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .forEach(result));
    }
}
