package io.tapbridge.erp;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.TapBatches;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the ERP's result files into {@code outbox/}, each under a temporary name and then renamed, so the ERP
 * never reads half a file: {@code <input>.ack.csv} once every line was accepted or rejected, and
 * {@code <input>.status.csv}, rewritten from the ledger whenever a status of the file changed.
 */
public final class ResultFiles {

    public static final List<String> ACK_COLUMNS = List.of("customerPONumber", "lineNumber", "serialNumber", "partNumber",
            "result", "message", "row", "line", "orderedPartNumber", "batch");
    public static final List<String> STATUS_COLUMNS = List.of("customerPONumber", "lineNumber", "serialNumber", "partNumber",
            "status", "tapUniqueId", "tapOrderNumber", "message", "row", "line", "orderedPartNumber", "batch", "passcode",
            "passcodeActivationStatus", "otaActivationStatus", "otaActivationErrorMsg", "activationRequestType",
            "serviceStartDate", "serviceEndDate", "qrCodeLink");

    private static final Logger LOG = LoggerFactory.getLogger(ResultFiles.class);
    private static final String LINES = "select l.po_number, l.line_number, l.serial_number, l.part_number, l.state as line_state,"
            + " l.message as line_message, l.row_number, l.source_line, l.sent_part_number, b.seq, b.state as batch_state,"
            + " b.message as batch_message, b.unique_id, b.order_number";

    private final Jdbi jdbi;
    private final ErpFiles files;
    private final TapBatches batches;
    private final Path outbox;
    private final Clock clock;
    private final ResultPacing pacing = new ResultPacing();

    private final java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions;

    public ResultFiles(Jdbi jdbi, ErpFiles files, TapBatches batches, Path outbox,
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions, Clock clock) {
        this.permissions = permissions;
        this.jdbi = jdbi;
        this.files = files;
        this.batches = batches;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** {@code <input>.ack.csv}: each line ACCEPTED or REJECTED, with the reason or the enrichment applied. */
    public void writeAck(long fileId) {
        ErpFile file = files.get(fileId);
        Path target = outbox.resolve(baseName(file) + ".ack.csv");
        OutboxFile.writeCsv(target, permissions, ACK_COLUMNS, printer -> jdbi.useHandle(h -> h.createQuery(LINES + " from order_line l"
                        + " left join tap_batch b on b.id = l.batch_id where l.file_id = ? order by l.row_number")
                .bind(0, fileId).setFetchSize(1000)
                .map((rs, ctx) -> {
                    boolean accepted = "ACCEPTED".equals(rs.getString("line_state"));
                    return List.of(nz(rs.getString("po_number")), nz(rs.getString("line_number")), nz(rs.getString("serial_number")),
                            nz(rs.getString("part_number")), accepted ? "ACCEPTED" : "REJECTED", nz(rs.getString("line_message")),
                            rs.getString("row_number"), rs.getString("source_line"), nz(rs.getString("sent_part_number")),
                            accepted ? rs.getString("po_number") + "/" + rs.getInt("seq") : "");
                })
                .forEach(row -> OutboxFile.print(printer, row))));
        files.markAcked(fileId, clock.instant());
        LOG.info("Wrote {}", target.getFileName());
    }

    /** Rewrites {@code status.csv} of every file whose lines changed since it was last written. */
    public void writeChanged() {
        for (ErpFile file : files.withUnwrittenResults(OrderFileStager.FLOW)) {
            Instant now = clock.instant();
            if (!pacing.due(file.id(), now)) {
                continue; // its changes stay pending in the ledger and are all written a little later
            }
            Instant upTo = pacing.upTo(now);
            // asked before writing: a batch that became final during the write would be missing from it
            boolean finished = batches.openBatches(file.id()) == 0;
            if (!file.acked()) {
                writeAck(file.id());
            }
            writeStatus(file);
            files.markWritten(file.id(), upTo);
            pacing.written(file.id(), now, clock.instant());
            if (ErpFile.PLANNED.equals(file.state()) && finished) {
                files.markDone(file.id(), clock.instant());
                pacing.forget(file.id());
                LOG.info("Order file {} (#{}) is done: every line is final", file.name(), file.id());
            }
        }
    }

    private void writeStatus(ErpFile file) {
        Path target = outbox.resolve(baseName(file) + ".status.csv");
        OutboxFile.writeCsv(target, permissions, STATUS_COLUMNS, printer -> jdbi.useHandle(h -> h.createQuery(LINES + ", a.passcode, a.passcode_status,"
                        + " a.ota_status, a.ota_error, a.activation_request_type, a.service_start_date, a.service_end_date,"
                        + " a.qr_code_link from order_line l left join tap_batch b on b.id = l.batch_id"
                        + " left join tap_activation a on a.batch_id = l.batch_id and upper(a.serial_number) = upper(l.serial_number)"
                        + " where l.file_id = ? order by l.row_number")
                .bind(0, file.id()).setFetchSize(1000)
                .map((rs, ctx) -> {
                    String status = LineStatus.of(rs.getString("line_state"), rs.getString("batch_state"));
                    String message = LineStatus.message(rs.getString("line_message"), rs.getString("batch_message"), rs.getString("line_state"));
                    boolean batched = rs.getString("batch_state") != null;
                    return List.of(nz(rs.getString("po_number")), nz(rs.getString("line_number")), nz(rs.getString("serial_number")),
                            nz(rs.getString("part_number")), status, nz(rs.getString("unique_id")), nz(rs.getString("order_number")),
                            message, rs.getString("row_number"), rs.getString("source_line"), nz(rs.getString("sent_part_number")),
                            batched ? rs.getString("po_number") + "/" + rs.getInt("seq") : "", nz(rs.getString("passcode")),
                            nz(rs.getString("passcode_status")), nz(rs.getString("ota_status")), nz(rs.getString("ota_error")),
                            nz(rs.getString("activation_request_type")), nz(rs.getString("service_start_date")),
                            nz(rs.getString("service_end_date")), nz(rs.getString("qr_code_link")));
                })
                .forEach(row -> OutboxFile.print(printer, row))));
        LOG.debug("Wrote {}", target.getFileName());
    }

    /** The input's name; a later file dropped under the same name owns it, and this one's results get its id too. */
    private String baseName(ErpFile file) {
        return OutboxFile.baseName(files, outbox, file, ".ack.csv", ".status.csv");
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
