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
            + " intent_at, unique_id, order_number, tap_status, hold_polls, activation";
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
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            List<TapBatch> claimed = h.createQuery("select " + COLUMNS + " from tap_batch where " + condition
                            + " and (lease_until is null or lease_until < :now) order by due_at, id"
                            + " fetch first :max rows only for update skip locked")
                    .bind("now", now).bind("max", max).mapTo(TapBatch.class).list();
            if (!claimed.isEmpty()) {
                h.createUpdate("update tap_batch set lease_owner = :owner, lease_until = :until where id in (<ids>)")
                        .bind("owner", owner).bind("until", now.plus(lease))
                        .bindList("ids", claimed.stream().map(TapBatch::id).toList()).execute();
            }
            return claimed;
        });
    }

    /** Recorded and committed before every create call: after a crash the batch is reconciled, never blindly re-sent. */
    public void recordIntent(long id) {
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.execute("update tap_batch set state = 'SENDING', attempts = attempts + 1, intent_at = ?,"
                + " updated_at = ? where id = ?", now, now, id));
    }

    /**
     * A state change that releases the claim; {@code due} is when the batch wants attention next. Every change
     * below records the call that caused it, in the same transaction.
     */
    public void update(TapBatch batch, TapCall call, String state, Instant due, String message) {
        change(batch, call, "state = ?, due_at = ?, message = ?", state, due, OrderLines.clip(message));
    }

    /** TAP created the order. */
    public void submitted(TapBatch batch, TapCall call, String uniqueId, String orderNumber, String tapStatus, Instant due) {
        change(batch, call, "state = ?, unique_id = ?, order_number = coalesce(?, order_number), tap_status = ?, due_at = ?,"
                + " message = null", tapStatus == null ? TapBatch.SUBMITTED : tapStatus, uniqueId, orderNumber, tapStatus, due);
    }

    /** TAP's orderStatus after a poll; on hold the interval grows with {@code holdPolls}. */
    public void polled(TapBatch batch, TapCall call, String tapStatus, String orderNumber, int holdPolls, String activation,
            Instant due, String message) {
        change(batch, call, "state = ?, tap_status = ?, order_number = coalesce(?, order_number), hold_polls = ?, activation = ?,"
                + " due_at = ?, message = ?", tapStatus, tapStatus, orderNumber, holdPolls, activation, due, OrderLines.clip(message));
    }

    public void activation(TapBatch batch, TapCall call, String activation, Instant due, String message) {
        change(batch, call, "activation = ?, due_at = ?, message = ?", activation, due, OrderLines.clip(message));
    }

    /** Releases the claim without changing anything but the due time (a failed poll). */
    public void later(TapBatch batch, TapCall call, Instant due, String message) {
        change(batch, call, "due_at = ?, message = ?", due, OrderLines.clip(message));
    }

    private void change(TapBatch batch, TapCall call, String assignments, Object... values) {
        Object[] args = new Object[values.length + 2];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = clock.instant();
        args[values.length + 1] = batch.id();
        jdbi.useTransaction(h -> {
            h.execute("update tap_batch set " + assignments + ", lease_owner = null, lease_until = null, updated_at = ? where id = ?", args);
            calls.insert(h, batch.id(), call);
        });
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
