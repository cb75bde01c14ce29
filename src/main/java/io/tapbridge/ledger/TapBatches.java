package io.tapbridge.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The {@code tap_batch} table. Work is claimed with row locks ({@code FOR UPDATE SKIP LOCKED}) and a lease, so
 * that instances sharing one database never take the same batch, and a batch whose instance died is taken over
 * once its lease has run out. Every change stamps {@code updated_at}: that is how the result files know what changed.
 */
public final class TapBatches {

    private static final String COLUMNS = "id, file_id, po_number, seq, line_count, first_serial, state, attempts,"
            + " intent_at, unique_id, order_number, tap_status, hold_polls, activation, uncertain_creates";
    private static final String POLLED_STATES = "'SUBMITTED', 'ORDER_CREATION_INPROGRESS', 'ORDER_ON_HOLD'";

    private final Jdbi jdbi;
    private final TapCalls calls;
    private final Clock clock;
    private final String owner;
    private final Duration lease;

    /**
     * @param owner this instance's name in {@code lease_owner}
     * @param lease how long a claim holds; longer than the slowest call, so a live instance never loses its claim
     */
    public TapBatches(Jdbi jdbi, TapCalls calls, Clock clock, String owner, Duration lease) {
        this.jdbi = jdbi;
        this.calls = calls;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
        jdbi.registerRowMapper(ConstructorMapper.factory(TapBatch.class));
    }

    public long insert(Handle h, long fileId, String poNumber, int seq, int lineCount, String firstSerial, String payload) {
        Instant now = clock.instant();
        long id = h.createUpdate("insert into tap_batch (file_id, po_number, seq, line_count, first_serial, state, due_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, 'READY', ?, ?)")
                .bind(0, fileId).bind(1, poNumber).bind(2, seq).bind(3, lineCount).bind(4, firstSerial).bind(5, now).bind(6, now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        h.execute("insert into tap_batch_payload (batch_id, payload) values (?, ?)", id, payload);
        return id;
    }

    /** The exact TAP_CREATE_ORDER_API envelope recorded for the batch when it was planned. */
    public String payload(long id) {
        return jdbi.withHandle(h -> h.createQuery("select payload from tap_batch_payload where batch_id = ?")
                .bind(0, id).mapTo(String.class).one());
    }

    /** Batches to create or reconcile: due READY and RECONCILE ones, and SENDING ones whose instance died mid-call. */
    public List<TapBatch> claimSendable(int max) {
        return claim("((state in ('READY', 'RECONCILE') and due_at <= :now) or state = 'SENDING')", max);
    }

    /** Batches whose TAP status or activation details are due to be fetched. Final ones are never among them. */
    public List<TapBatch> claimPollable(int max) {
        return claim("due_at <= :now and (state in (" + POLLED_STATES + ") or (state = 'SUCCESS' and activation <> 'DONE'))", max);
    }

    /** Claims up to {@code max} batches and answers them as they are: the claimer owns them until it releases them. */
    private List<TapBatch> claim(String condition, int max) {
        return Claims.claim(jdbi, "select " + COLUMNS + " from tap_batch where " + condition, "tap_batch", clock.instant(), max, lease,
                owner, q -> q.mapTo(TapBatch.class).list(), TapBatch::id);
    }

    /**
     * Recorded and committed before every create call: after a crash the batch is reconciled, never blindly re-sent.
     * False, and nothing may be sent, when the claim is no longer this instance's (it lapsed and was taken over).
     */
    public boolean recordIntent(TapBatch batch) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.execute("update tap_batch set state = 'SENDING', attempts = attempts + 1, intent_at = ?,"
                + " updated_at = ? where id = ? and state = 'READY' and lease_owner = ? and lease_until >= ?", now, now, batch.id(),
                owner, now)) == 1;
    }

    /**
     * A state change that releases the claim; {@code due} is when the batch wants attention next. Every change
     * below records the calls that caused it, in the same transaction, and changes the batch only while this
     * instance still holds its claim (false otherwise: the calls are recorded all the same).
     */
    public boolean update(TapBatch batch, TapCall call, String state, Instant due, String message) {
        return update(batch, List.of(call), state, due, message);
    }

    public boolean update(TapBatch batch, List<TapCall> calls, String state, Instant due, String message) {
        return change(batch, calls, "state = ?, due_at = ?, message = ?", state, due, OrderLines.clip(message));
    }

    /** A create whose outcome is unknown: reconciled at {@code due}, and counted, since it may have bought the lines. */
    public boolean uncertain(TapBatch batch, TapCall call, Instant due, String message) {
        return change(batch, List.of(call), "state = 'RECONCILE', uncertain_creates = uncertain_creates + 1, due_at = ?, message = ?",
                due, OrderLines.clip(message));
    }

    /** TAP created the order. */
    public boolean submitted(TapBatch batch, List<TapCall> calls, String uniqueId, String orderNumber, String tapStatus, Instant due) {
        String state = tapStatus == null ? TapBatch.SUBMITTED : tapStatus;
        if (change(batch, calls, "state = ?, unique_id = ?, order_number = coalesce(?, order_number), tap_status = ?, due_at = ?,"
                + " message = null", state, uniqueId, orderNumber, tapStatus, due)) {
            return true;
        }
        // the claim lapsed during the call: what TAP created is recorded anyway, unless the batch knows its order already
        return jdbi.withHandle(h -> h.execute("update tap_batch set state = ?, unique_id = ?, tap_status = ?, due_at = ?, message = null,"
                + " updated_at = ? where id = ? and unique_id is null and state in ('READY', 'SENDING', 'RECONCILE')", state, uniqueId,
                tapStatus, due, clock.instant(), batch.id())) == 1;
    }

    /**
     * TAP refused the order with a documented 400: final. Its lines leave the re-export guard only when no earlier
     * attempt of the batch had an unknown outcome (that one may have bought them).
     */
    public boolean rejected(TapBatch batch, TapCall call, String message) {
        return change(batch, List.of(call), true, "state = 'REJECTED', due_at = ?, message = ?", clock.instant(), OrderLines.clip(message));
    }

    /**
     * TAP refused some lines of the batch with a 400 (which created nothing): the batch ends REJECTED, the refused
     * lines are rejected with TAP's reasons, and the other lines move to a new batch of the same PO, sent at once.
     * The file's ack is written again so that it shows the new batch. Returns the new batch's seq, or 0 when the
     * claim was no longer this instance's (nothing changed).
     *
     * @param refusedLines index of the line in the batch's request (its lines in row order) → TAP's reasons
     */
    public int rebatch(TapBatch batch, TapCall call, java.util.Map<Integer, String> refusedLines, String newPayload, int lineCount,
            String firstSerial, String reasons) {
        return jdbi.inTransaction(h -> {
            Instant now = clock.instant();
            int seq = h.createQuery("select max(seq) from tap_batch where file_id = ? and po_number = ?")
                    .bind(0, batch.fileId()).bind(1, batch.poNumber()).mapTo(Integer.class).one() + 1;
            String next = batch.poNumber() + "/" + seq;
            calls.insert(h, batch.id(), call);
            if (h.execute("update tap_batch set state = 'REJECTED', due_at = ?, message = ?, lease_owner = null, lease_until = null,"
                    + " updated_at = ? where id = ? and lease_owner = ?", now, OrderLines.clip("TAP refused " + refusedLines.size()
                    + " of its " + batch.lineCount() + " lines (" + reasons + "); the others were re-batched as " + next),
                    now, batch.id(), owner) != 1) {
                return 0;
            }
            List<Long> lineIds = h.createQuery("select id from order_line where batch_id = ? order by row_number")
                    .bind(0, batch.id()).mapTo(Long.class).list();
            long newBatch = insert(h, batch.fileId(), batch.poNumber(), seq, lineCount, firstSerial, newPayload);
            String moved = "re-batched as " + next + " after TAP refused other lines of " + batch.poNumber() + "/" + batch.seq();
            for (int i = 0; i < lineIds.size(); i++) {
                String refusal = refusedLines.get(i);
                if (refusal != null) {
                    h.execute("update order_line set state = 'REJECTED', message = ? where id = ?",
                            OrderLines.clip("TAP refused this line: " + refusal), lineIds.get(i));
                    if (batch.uncertainCreates() == 0) {
                        h.execute("delete from order_guard where line_id = ?", lineIds.get(i));
                    }
                } else {
                    h.execute("update order_line set batch_id = ?, message = case when message is null then ? else message || ' | ' || ? end"
                            + " where id = ?", newBatch, moved, moved, lineIds.get(i));
                }
            }
            h.execute("update erp_file set acked_at = null where id = ?", batch.fileId());
            return seq;
        });
    }

    /** Parked for an operator: TAP's answers do not tell whether this batch was created; it is never sent again by itself. */
    public boolean attention(TapBatch batch, List<TapCall> calls, String message) {
        return change(batch, calls, "state = 'ATTENTION', due_at = ?, message = ?", clock.instant(), OrderLines.clip(message));
    }

    /** TAP's orderStatus after a poll; on hold the interval grows with {@code holdPolls}. */
    public boolean polled(TapBatch batch, TapCall call, String tapStatus, String orderNumber, int holdPolls, String activation,
            Instant due, String message) {
        return change(batch, List.of(call), TapBatch.ERROR.equals(tapStatus), "state = ?, tap_status = ?, order_number = coalesce(?, order_number), hold_polls = ?,"
                + " activation = ?, due_at = ?, message = ?", tapStatus, tapStatus, orderNumber, holdPolls, activation, due,
                OrderLines.clip(message));
    }

    public boolean activation(TapBatch batch, List<TapCall> calls, String activation, Instant due, String message) {
        return change(batch, calls, "activation = ?, due_at = ?, message = ?", activation, due, OrderLines.clip(message));
    }

    /** Releases the claim without changing anything but the due time (a failed poll). */
    public boolean later(TapBatch batch, TapCall call, Instant due, String message) {
        return change(batch, List.of(call), "due_at = ?, message = ?", due, OrderLines.clip(message));
    }

    private boolean change(TapBatch batch, List<TapCall> calls, String assignments, Object... values) {
        return change(batch, calls, false, assignments, values);
    }

    private boolean change(TapBatch batch, List<TapCall> calls, boolean settlesGuard, String assignments, Object... values) {
        Object[] args = new Object[values.length + 3];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = clock.instant();
        args[values.length + 1] = batch.id();
        args[values.length + 2] = owner;
        return jdbi.inTransaction(h -> {
            boolean changed = h.execute("update tap_batch set " + assignments + ", lease_owner = null, lease_until = null, updated_at = ?"
                    + " where id = ? and lease_owner = ?", args) == 1;
            for (TapCall call : calls) {
                this.calls.insert(h, batch.id(), call);
            }
            if (changed && settlesGuard) {
                releaseGuardWhenNothingWasBought(h, batch.id());
            }
            return changed;
        });
    }

    /**
     * Lines of a batch that provably bought nothing (TAP refused it after certain attempts only, or its order ended
     * in ERROR) no longer keep a later file from ordering them.
     */
    private static void releaseGuardWhenNothingWasBought(Handle h, long batchId) {
        h.execute("delete from order_guard where line_id in (select l.id from order_line l join tap_batch b on b.id = l.batch_id"
                + " where b.id = ? and (b.state = 'ERROR' or (b.state = 'REJECTED' and b.uncertain_creates = 0)))", batchId);
    }

    /** True when another batch already owns this TAP order (reconciliation must not adopt it twice). */
    public boolean uniqueIdTaken(String uniqueId, long exceptBatch) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from tap_batch where unique_id = ? and id <> ?")
                .bind(0, uniqueId).bind(1, exceptBatch).mapTo(Integer.class).one()) > 0;
    }

    /** Batches of a file not yet final: the file is done when there are none. */
    public int openBatches(long fileId) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from tap_batch where file_id = ? and not (state in ('REJECTED', 'ERROR')"
                + " or (state = 'SUCCESS' and activation = 'DONE'))").bind(0, fileId).mapTo(Integer.class).one());
    }
}
