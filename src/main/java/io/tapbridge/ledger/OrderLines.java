package io.tapbridge.ledger;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.model.OrderColumn;
import io.tapbridge.model.OrderLine;
import io.tapbridge.model.PurchaseOrder;
import io.tapbridge.model.SourceRow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code order_line} table: every row of every order file, its verdict and its batch. */
public final class OrderLines {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrderLines.class);

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };
    private static final int BATCH_ROWS = 1000;
    /** What the key columns of {@code order_line} hold; longer values are refused before a line is batched. */
    public static final int PO_NUMBER_LENGTH = 1000;
    public static final int LINE_NUMBER_LENGTH = 40;
    public static final int SERIAL_NUMBER_LENGTH = 100;
    public static final int PART_NUMBER_LENGTH = 100;

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public OrderLines(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** Writes rows of one file in JDBC batches, inside the caller's transaction (plain JDBC: a million rows pass here). */
    public Stager stager(Handle h, long fileId) {
        try {
            return new Stager(h.getConnection().prepareStatement("insert into order_line (file_id, row_number, source_line,"
                    + " po_number, line_number, serial_number, part_number, fields, state, message) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    fileId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The POs of a file that still have lines to validate, in order of first appearance. */
    public List<String> stagedPoNumbers(long fileId) {
        return jdbi.withHandle(h -> h.createQuery("select po_number from order_line where file_id = ? and state = 'STAGED'"
                        + " group by po_number order by min(row_number)")
                .bind(0, fileId).mapTo(String.class).list());
    }

    public PurchaseOrder loadStaged(long fileId, String poNumber) {
        List<OrderLine> lines = jdbi.withHandle(h -> h.createQuery("select id, row_number, source_line, fields from order_line"
                        + " where file_id = ? and po_number = ? and state = 'STAGED' order by row_number")
                .bind(0, fileId).bind(1, poNumber)
                .map((rs, ctx) -> new OrderLine(rs.getLong("id"), rs.getInt("row_number"), rs.getLong("source_line"),
                        toColumns(rs.getString("fields"))))
                .list());
        return new PurchaseOrder(fileId, poNumber, lines);
    }

    /**
     * Lines of this PO that another file ordered, or may have ordered (re-exports of a PO must not buy twice), with
     * where they were: {@link #guardKey} → "file x.csv, row n". Lines TAP provably did not order do not count.
     */
    public Map<String, String> orderedElsewhere(long fileId, String poNumber) {
        Map<String, String> ordered = new java.util.HashMap<>();
        jdbi.useHandle(h -> h.createQuery("select g.serial_key, g.part_number, f.name, l.row_number from order_guard g"
                        + " join order_line l on l.id = g.line_id join erp_file f on f.id = l.file_id"
                        + " where g.po_number = ? and l.file_id <> ?")
                .bind(0, poNumber).bind(1, fileId)
                .map((rs, ctx) -> Map.entry(guardKey(rs.getString(1), rs.getString(2)), "file " + rs.getString(3) + ", row " + rs.getInt(4)))
                .forEach(e -> ordered.putIfAbsent(e.getKey(), e.getValue())));
        return ordered;
    }

    /** A line's identity within a PO, as TAP sees it: the serial number without regard to case, and the part ordered. */
    public static String guardKey(String serialNumber, String partNumber) {
        return serialKey(serialNumber) + '\u0000' + partNumber;
    }

    /** {@code order_guard.serial_key}: TAP compares serial numbers without regard to case. */
    private static String serialKey(String serialNumber) {
        return serialNumber.toUpperCase(java.util.Locale.ROOT);
    }

    /** A line about to be ordered, for the re-export guard. */
    public record GuardedLine(long lineId, String serialNumber, String partNumber) {
    }

    /**
     * Enters a PO's lines into the re-export guard, in the caller's transaction. When a planner elsewhere entered
     * the same line first (two files of one PO planned at once), this fails with {@link GuardTaken}: the caller
     * rolls back and plans the PO again, now seeing the other file's line.
     */
    public void guard(Handle h, String poNumber, List<GuardedLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("insert into order_guard (po_number, serial_key, part_number, line_id) values (?, ?, ?, ?)");
        for (GuardedLine line : lines) {
            batch.add(poNumber, serialKey(line.serialNumber()), line.partNumber(), line.lineId());
        }
        try {
            batch.execute();
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (uniqueViolation(e)) {
                throw new GuardTaken(poNumber);
            }
            throw e;
        }
    }

    /** SQLSTATE 23505 anywhere in the chain (H2 and PostgreSQL both use it; batches chain it as the next exception). */
    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                for (java.sql.SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Another planner ordered a line of this PO while it was being planned here. */
    public static final class GuardTaken extends RuntimeException {
        public GuardTaken(String poNumber) {
            super("a line of PO " + poNumber + " was ordered by another planner meanwhile", null, false, false);
        }
    }

    /**
     * A PO whose planning failed for a reason of its own (not TAP, not the database being away): its lines still
     * STAGED are rejected with that reason, so that the file's other POs go on and the file is acknowledged. A
     * transient database failure is thrown on instead: the file stays staged and is planned again later.
     */
    public int rejectUnplannable(long fileId, String poNumber, Exception cause) throws Exception {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                throw cause;
            }
        }
        String reason = "tap-bridge could not plan " + (poNumber.isEmpty() ? "this PO" : "PO " + poNumber) + " ("
                + io.tapbridge.model.Shown.clipped(String.valueOf(cause.getMessage())) + "); the file's other POs went on."
                + " Correct the PO and send it again, or report this message";
        LOG.error("File #{}: {}", fileId, reason, cause);
        return jdbi.withHandle(h -> h.execute("update order_line set state = 'REJECTED', message = ? where file_id = ? and po_number = ?"
                + " and state = 'STAGED'", clip(reason), fileId, poNumber));
    }

    /** A line's verdict: ACCEPTED into a batch (with the part ordered), or REJECTED (batchId null). */
    public record Verdict(long lineId, Long batchId, String sentPartNumber, String message) {
    }

    /**
     * Records the verdicts of one PO in one JDBC batch; false when any line was no longer STAGED (planned by
     * someone else), and the caller rolls back.
     */
    public boolean recordVerdicts(Handle h, List<Verdict> verdicts) {
        // lines with the same verdict (a batch's lines, as a rule) are updated by one statement
        Map<List<Object>, List<Long>> groups = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            List<Object> verdict = java.util.Arrays.asList(v.batchId() == null ? "REJECTED" : "ACCEPTED", v.batchId(), v.sentPartNumber(),
                    v.message() == null || v.message().isEmpty() ? null : clip(v.message()));
            groups.computeIfAbsent(verdict, k -> new java.util.ArrayList<>()).add(v.lineId());
        }
        for (Map.Entry<List<Object>, List<Long>> group : groups.entrySet()) {
            List<Object> verdict = group.getKey();
            int updated = h.createUpdate("update order_line set state = :state, batch_id = :batch, sent_part_number = :part,"
                            + " message = :message where id in (<ids>) and state = 'STAGED'")
                    .bind("state", verdict.get(0)).bind("batch", (Long) verdict.get(1)).bind("part", (String) verdict.get(2))
                    .bind("message", (String) verdict.get(3)).bindList("ids", group.getValue()).execute();
            if (updated != group.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    private Map<OrderColumn, String> toColumns(String fields) {
        try {
            Map<OrderColumn, String> values = new EnumMap<>(OrderColumn.class);
            json.readValue(fields, FIELDS).forEach((name, value) ->
                    OrderColumn.byHeaderName(name).ifPresent(column -> values.put(column, value)));
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order_line.fields is not a JSON object", e);
        }
    }

    private static final String RESULT_COLUMNS = "select l.po_number, l.line_number, l.serial_number, l.part_number,"
            + " l.state as line_state, l.message as line_message, l.row_number, l.source_line, l.sent_part_number, b.seq,"
            + " b.state as batch_state, b.message as batch_message, b.unique_id, b.order_number";

    /**
     * Every line of a file in row order, streamed, with its batch's state; {@code withActivation} adds the activation
     * details of the line's serial (status files), which the ack does not show.
     */
    public void forEachResult(long fileId, boolean withActivation, java.util.function.Consumer<LineResult> each) {
        String sql = withActivation
                ? RESULT_COLUMNS + ", a.passcode, a.passcode_status, a.ota_status, a.ota_error, a.activation_request_type,"
                        + " a.service_start_date, a.service_end_date, a.qr_code_link from order_line l"
                        + " left join tap_batch b on b.id = l.batch_id"
                        + " left join tap_activation a on a.batch_id = l.batch_id and upper(a.serial_number) = upper(l.serial_number)"
                        + " where l.file_id = ? order by l.row_number"
                : RESULT_COLUMNS + " from order_line l left join tap_batch b on b.id = l.batch_id where l.file_id = ? order by l.row_number";
        jdbi.useHandle(h -> h.createQuery(sql).bind(0, fileId).setFetchSize(1000)
                .map((rs, ctx) -> new LineResult(rs.getString("po_number"), rs.getString("line_number"), rs.getString("serial_number"),
                        rs.getString("part_number"), rs.getString("line_state"), rs.getString("line_message"), rs.getInt("row_number"),
                        rs.getLong("source_line"), rs.getString("sent_part_number"), rs.getObject("seq") == null ? null : rs.getInt("seq"),
                        rs.getString("batch_state"), rs.getString("batch_message"), rs.getString("unique_id"), rs.getString("order_number"),
                        withActivation ? new LineResult.Activation(rs.getString("passcode"), rs.getString("passcode_status"),
                                rs.getString("ota_status"), rs.getString("ota_error"), rs.getString("activation_request_type"),
                                rs.getString("service_start_date"), rs.getString("service_end_date"), rs.getString("qr_code_link")) : null))
                .forEach(each));
    }

    static String clip(String message) {
        return message == null || message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
    }

    /** Buffers rows and sends them to the database a thousand at a time. */
    public final class Stager implements AutoCloseable {
        private final java.sql.PreparedStatement insert;
        private final long fileId;
        private int pending;

        private Stager(java.sql.PreparedStatement insert, long fileId) {
            this.insert = insert;
            this.fileId = fileId;
        }

        public void add(SourceRow<OrderColumn> row) {
            Map<String, String> fields = new LinkedHashMap<>();
            row.values().forEach((column, value) -> {
                if (!value.isEmpty()) {
                    fields.put(column.fieldName(), value);
                }
            });
            try {
                insert.setLong(1, fileId);
                insert.setInt(2, row.rowNumber());
                insert.setLong(3, row.sourceLine());
                insert.setString(4, clip(row.value(OrderColumn.CUSTOMER_PO_NUMBER), PO_NUMBER_LENGTH));
                insert.setString(5, nullIfBlank(row.value(OrderColumn.LINE_NUMBER), LINE_NUMBER_LENGTH));
                insert.setString(6, nullIfBlank(row.value(OrderColumn.SERIAL_NUMBER), SERIAL_NUMBER_LENGTH));
                insert.setString(7, nullIfBlank(row.value(OrderColumn.PART_NUMBER), PART_NUMBER_LENGTH));
                insert.setString(8, json.writeValueAsString(fields));
                insert.setString(9, row.structureError() == null ? "STAGED" : "REJECTED");
                insert.setString(10, row.structureError());
                insert.addBatch();
            } catch (JsonProcessingException | java.sql.SQLException e) {
                throw new IllegalStateException("Cannot stage row " + row.rowNumber(), e);
            }
            if (++pending == BATCH_ROWS) {
                flush();
            }
        }

        public void flush() {
            if (pending > 0) {
                try {
                    insert.executeBatch();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("Cannot stage rows", e);
                }
                pending = 0;
            }
        }

        /** Sends the rows still buffered, then closes the statement. */
        @Override
        public void close() {
            try (insert) {
                flush();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Key columns are for finding lines; the full values stay in {@code fields}. */
        private static String nullIfBlank(String value, int max) {
            return value.isEmpty() ? null : clip(value, max);
        }

        private static String clip(String value, int max) {
            return value.length() <= max ? value : value.substring(0, max);
        }
    }
}
