package io.tapbridge.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What an operator asks of the ledger without SQL: where a file, PO, serial number, TAP order or tmid stands; what
 * waits for a person; and the one repair that is safe to make by hand, sending a batch again that TAP provably never
 * created.
 */
public final class OperatorQueries {

    /** The most entries {@link #whereIs} answers with; a file name matches a whole file's lines. */
    public static final int MOST = 200;

    private final Jdbi jdbi;
    private final OrderLines lines;
    private final Clock clock;

    public OperatorQueries(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.lines = new OrderLines(jdbi, new com.fasterxml.jackson.databind.ObjectMapper());
        this.clock = clock;
    }

    /**
     * Every order line and machines row that {@code text} names: a file name, a customer PO number, a serial number,
     * a TAP uniqueId or order number, or a tmid (serial numbers and tmids without regard to case). At most
     * {@link #MOST} entries.
     */
    public List<Map<String, String>> whereIs(String text) {
        String wanted = text == null ? "" : text.strip();
        if (wanted.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            List<Map<String, String>> found = new ArrayList<>();
            h.createQuery("select f.id file_id, f.name file_name, f.state file_state, l.row_number, l.po_number, l.line_number,"
                    + " l.serial_number, l.part_number, l.state line_state, l.message line_message, b.id batch_id, b.seq, b.state batch_state,"
                    + " b.unique_id, b.order_number, b.message batch_message"
                    + " from order_line l join erp_file f on f.id = l.file_id left join tap_batch b on b.id = l.batch_id"
                    + " where f.name = :t or l.po_number = :t or upper(l.serial_number) = upper(:t) or b.unique_id = :t or b.order_number = :t"
                    + " order by f.id, l.row_number")
                    .bind("t", wanted).setMaxRows(MOST).map((rs, ctx) -> {
                        Map<String, String> e = new LinkedHashMap<>();
                        e.put("kind", "order line");
                        e.put("file", rs.getString("file_name") + " #" + rs.getLong("file_id") + " (" + rs.getString("file_state") + ")");
                        e.put("row", rs.getString("row_number"));
                        e.put("po", rs.getString("po_number"));
                        e.put("line", rs.getString("line_number"));
                        e.put("serialNumber", rs.getString("serial_number"));
                        e.put("partNumber", rs.getString("part_number"));
                        String batchState = rs.getString("batch_state");
                        e.put("state", batchState == null ? rs.getString("line_state") : rs.getString("line_state") + " / batch " + batchState);
                        long batch = rs.getLong("batch_id");
                        e.put("batch", rs.wasNull() ? "" : rs.getString("po_number") + "/" + rs.getInt("seq") + " (id " + batch + ")");
                        e.put("tapUniqueId", nz(rs.getString("unique_id")));
                        e.put("tapOrderNumber", nz(rs.getString("order_number")));
                        e.put("message", nz(rs.getString("batch_message") != null ? rs.getString("batch_message") : rs.getString("line_message")));
                        return e;
                    }).forEach(found::add);
            if (found.size() < MOST) {
                h.createQuery("select f.id file_id, f.name file_name, m.row_number, m.action, m.serial_number, m.state, m.step, m.tmid,"
                        + " m.customer_subscription_id, m.message from machine_row m join erp_file f on f.id = m.file_id"
                        + " where f.name = :t or upper(m.serial_number) = upper(:t) or upper(m.tmid) = upper(:t) order by f.id, m.row_number")
                        .bind("t", wanted).setMaxRows(MOST - found.size()).map((rs, ctx) -> {
                            Map<String, String> e = new LinkedHashMap<>();
                            e.put("kind", "machine row");
                            e.put("file", rs.getString("file_name") + " #" + rs.getLong("file_id"));
                            e.put("row", rs.getString("row_number"));
                            e.put("action", rs.getString("action"));
                            e.put("serialNumber", nz(rs.getString("serial_number")));
                            e.put("state", rs.getString("state") + (rs.getString("step") == null ? "" : " at " + rs.getString("step")));
                            e.put("tmid", nz(rs.getString("tmid")));
                            e.put("customerSubscriptionId", nz(rs.getString("customer_subscription_id")));
                            e.put("message", nz(rs.getString("message")));
                            return e;
                        }).forEach(found::add);
            }
            if (found.size() < MOST) {
                h.createQuery("select f.id file_id, f.name file_name, r.row_number, r.serial_number, r.state, r.tap_unique_id, r.message"
                        + " from resend_row r join erp_file f on f.id = r.file_id where f.name = :t or upper(r.serial_number) = upper(:t)"
                        + " or r.tap_unique_id = :t order by f.id, r.row_number")
                        .bind("t", wanted).setMaxRows(MOST - found.size()).map((rs, ctx) -> {
                            Map<String, String> e = new LinkedHashMap<>();
                            e.put("kind", "activation resend");
                            e.put("file", rs.getString("file_name") + " #" + rs.getLong("file_id"));
                            e.put("row", rs.getString("row_number"));
                            e.put("serialNumber", nz(rs.getString("serial_number")));
                            e.put("state", rs.getString("state"));
                            e.put("tapUniqueId", nz(rs.getString("tap_unique_id")));
                            e.put("message", nz(rs.getString("message")));
                            return e;
                        }).forEach(found::add);
            }
            return found;
        });
    }

    /**
     * What waits for a person, oldest first: TAP batches whose create had an outcome nobody can tell (ATTENTION),
     * orders TAP holds, batches TAP refused (sendable again by hand when TAP provably has nothing), machines rows
     * that failed, and files staged long ago but not planned (TAP's catalogue unreachable).
     */
    public List<Map<String, String>> attention() {
        return jdbi.withHandle(h -> {
            List<Map<String, String>> waiting = new ArrayList<>();
            h.createQuery("select b.id, b.po_number, b.seq, b.state, b.unique_id, b.uncertain_creates, b.message, b.updated_at, f.name, f.id file_id"
                    + " from tap_batch b join erp_file f on f.id = b.file_id"
                    + " where b.state in ('ATTENTION', 'ORDER_ON_HOLD', 'REJECTED') order by b.updated_at").map((rs, ctx) -> {
                        String state = rs.getString("state");
                        Map<String, String> e = new LinkedHashMap<>();
                        e.put("what", "TAP batch " + rs.getString("po_number") + "/" + rs.getInt("seq") + " (id " + rs.getLong("id") + ")");
                        e.put("file", rs.getString("name") + " #" + rs.getLong("file_id"));
                        e.put("state", state);
                        e.put("since", String.valueOf(rs.getTimestamp("updated_at").toInstant()));
                        e.put("why", nz(rs.getString("message")));
                        e.put("what to do", switch (state) {
                            case "ATTENTION" -> "look the serial numbers up in TAP; the bridge never creates it again by itself";
                            case "ORDER_ON_HOLD" -> "TAP support releases held orders (uniqueId " + nz(rs.getString("unique_id")) + ")";
                            default -> rs.getInt("uncertain_creates") == 0 && rs.getString("unique_id") == null
                                    ? "mend the cause, then retryBatch(" + rs.getLong("id") + ")"
                                    : "TAP may hold an order from an earlier attempt: look it up in TAP before ordering again";
                        });
                        return e;
                    }).forEach(waiting::add);
            h.createQuery("select m.id, m.serial_number, m.row_number, m.step, m.message, m.updated_at, f.name, f.id file_id"
                    + " from machine_row m join erp_file f on f.id = m.file_id where m.state = 'FAILED' order by m.updated_at")
                    .map((rs, ctx) -> {
                        Map<String, String> e = new LinkedHashMap<>();
                        e.put("what", "machine " + nz(rs.getString("serial_number")) + " (row " + rs.getInt("row_number") + ")");
                        e.put("file", rs.getString("name") + " #" + rs.getLong("file_id"));
                        e.put("state", "FAILED at " + nz(rs.getString("step")));
                        e.put("since", String.valueOf(rs.getTimestamp("updated_at").toInstant()));
                        e.put("why", nz(rs.getString("message")));
                        e.put("what to do", "mend the cause in tapio or the ERP, then drop the row again in a machines file");
                        return e;
                    }).forEach(waiting::add);
            h.createQuery("select id, name, staged_at from erp_file where state = 'STAGED' and staged_at < :before order by staged_at")
                    .bind("before", clock.instant().minusSeconds(600)).map((rs, ctx) -> {
                        Map<String, String> e = new LinkedHashMap<>();
                        e.put("what", "file " + rs.getString("name") + " #" + rs.getLong("id"));
                        e.put("file", rs.getString("name") + " #" + rs.getLong("id"));
                        e.put("state", "STAGED, not planned");
                        e.put("since", String.valueOf(rs.getTimestamp("staged_at").toInstant()));
                        e.put("why", "staged more than 10 minutes ago and not planned yet: is TAP's catalogue reachable?");
                        e.put("what to do", "see the readiness check of TAP's token and the log of orders-plan");
                        return e;
                    }).forEach(waiting::add);
            return waiting;
        });
    }

    /**
     * Makes a batch that TAP refused after nothing but certain attempts (so TAP provably holds no order from it)
     * sendable again, its lines guarded again against a second purchase. Anything else is refused with the reason.
     *
     * @return what was done, or why not
     */
    public Retry retryBatch(long id) {
        return jdbi.inTransaction(h -> {
            Optional<Map<String, Object>> found = h.createQuery("select b.state, b.unique_id, b.uncertain_creates, b.po_number, b.seq, b.file_id"
                    + " from tap_batch b where b.id = ? for update").bind(0, id).mapToMap().findOne();
            if (found.isEmpty()) {
                return new Retry(false, "there is no batch " + id);
            }
            Map<String, Object> b = found.get();
            String name = b.get("po_number") + "/" + b.get("seq") + " (id " + id + ")";
            String state = (String) b.get("state");
            if (!"REJECTED".equals(state)) {
                return new Retry(false, "batch " + name + " is " + state + ", not REJECTED: only a batch TAP refused can be sent again by hand"
                        + ("ATTENTION".equals(state) ? " (ATTENTION: TAP may hold its order; look it up in TAP)" : ""));
            }
            if (b.get("unique_id") != null || ((Number) b.get("uncertain_creates")).intValue() > 0) {
                return new Retry(false, "batch " + name + " had a create whose outcome was unknown: TAP may hold its order, so it is not sent"
                        + " again; look its serial numbers up in TAP");
            }
            List<OrderLines.GuardedLine> guarded = h.createQuery("select id, serial_number, coalesce(sent_part_number, part_number) part"
                    + " from order_line where batch_id = ? and state = 'ACCEPTED'").bind(0, id)
                    .map((rs, ctx) -> new OrderLines.GuardedLine(rs.getLong("id"), rs.getString("serial_number"), rs.getString("part")))
                    .list();
            if (guarded.isEmpty()) {
                return new Retry(false, "batch " + name + " has no lines left to send: TAP refused them one by one, or they went on in another batch");
            }
            try {
                lines.guard(h, (String) b.get("po_number"), guarded);
            } catch (OrderLines.GuardTaken e) {
                h.rollback();
                return new Retry(false, "a line of batch " + name + " was ordered since by another file: not sent again");
            }
            h.execute("update tap_batch set state = 'READY', due_at = ?, lease_owner = null, lease_until = null, message = ?, updated_at = ?"
                    + " where id = ?", clock.instant(), "sent again by an operator after TAP's refusal", clock.instant(), id);
            reopen(h, ((Number) b.get("file_id")).longValue());
            return new Retry(true, "batch " + name + " with " + guarded.size() + " lines is sent again");
        });
    }

    /** A file whose batch is open again is no longer done: its results are written again as the batch goes on. */
    private void reopen(Handle h, long fileId) {
        h.execute("update erp_file set state = 'PLANNED', done_at = null where id = ? and state = 'DONE'", fileId);
    }

    /** The answer to {@link #retryBatch}. */
    public record Retry(boolean done, String message) {
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
