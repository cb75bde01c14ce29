package io.tapbridge.orders;

import java.time.Clock;
import java.util.List;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.LineResult;
import io.tapbridge.ledger.OrderLines;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.outbox.Outbox;
import io.tapbridge.outbox.ResultFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order file's results in {@code outbox/}: {@code <input>.ack.csv} once every line was accepted or rejected, and
 * {@code <input>.status.csv}, rewritten from the ledger whenever a status of the file changed.
 */
public final class OrderResultFiles implements ResultFiles.Writer {

    public static final List<String> ACK_COLUMNS = List.of("customerPONumber", "lineNumber", "serialNumber", "partNumber",
            "result", "message", "row", "line", "orderedPartNumber", "batch");
    public static final List<String> STATUS_COLUMNS = List.of("customerPONumber", "lineNumber", "serialNumber", "partNumber",
            "status", "tapUniqueId", "tapOrderNumber", "message", "row", "line", "orderedPartNumber", "batch", "passcode",
            "passcodeActivationStatus", "otaActivationStatus", "otaActivationErrorMsg", "activationRequestType",
            "serviceStartDate", "serviceEndDate", "qrCodeLink");

    private static final Logger LOG = LoggerFactory.getLogger(OrderResultFiles.class);

    private final ErpFiles files;
    private final OrderLines lines;
    private final TapBatches batches;
    private final Outbox outbox;
    private final Clock clock;

    public OrderResultFiles(ErpFiles files, OrderLines lines, TapBatches batches, Outbox outbox, Clock clock) {
        this.files = files;
        this.lines = lines;
        this.batches = batches;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public boolean finished(ErpFile file) {
        return batches.openBatches(file.id()) == 0;
    }

    @Override
    public void write(ErpFile file) {
        if (!file.acked()) {
            writeAck(file);
        }
        String name = baseName(file) + ".status.csv";
        outbox.writeCsv(name, STATUS_COLUMNS, record -> lines.forEachResult(file.id(), true, line -> record.accept(status(line))));
        LOG.debug("Wrote {}", name);
    }

    /** {@code <input>.ack.csv}: each line ACCEPTED or REJECTED, with the reason or the enrichment applied. */
    private void writeAck(ErpFile file) {
        String name = baseName(file) + ".ack.csv";
        int[] counted = new int[2];
        java.util.Set<String> orders = new java.util.HashSet<>();
        outbox.writeCsv(name, ACK_COLUMNS, record -> lines.forEachResult(file.id(), false, line -> {
            boolean accepted = "ACCEPTED".equals(line.lineState());
            counted[accepted ? 0 : 1]++;
            if (accepted) {
                orders.add(batch(line));
            }
            record.accept(List.of(nz(line.poNumber()), nz(line.lineNumber()), nz(line.serialNumber()), nz(line.partNumber()),
                    accepted ? "ACCEPTED" : "REJECTED", nz(line.lineMessage()), Integer.toString(line.rowNumber()),
                    Long.toString(line.sourceLine()), nz(line.sentPartNumber()), accepted ? batch(line) : ""));
        }));
        files.markAcked(file.id(), clock.instant());
        // the file's milestone: what became of its lines, for the operator following it in the log
        LOG.info("Orders file {} (#{}) planned: {} lines accepted into {} TAP orders, {} rejected; wrote {}", file.name(), file.id(),
                counted[0], orders.size(), counted[1], name);
    }

    private static List<String> status(LineResult line) {
        LineResult.Activation a = line.activation();
        return List.of(nz(line.poNumber()), nz(line.lineNumber()), nz(line.serialNumber()), nz(line.partNumber()),
                LineStatus.of(line.lineState(), line.batchState()), nz(line.uniqueId()), nz(line.orderNumber()),
                LineStatus.message(line.lineMessage(), line.batchMessage(), line.lineState()), Integer.toString(line.rowNumber()),
                Long.toString(line.sourceLine()), nz(line.sentPartNumber()), line.batchState() != null ? batch(line) : "",
                nz(a.passcode()), nz(a.passcodeStatus()), nz(a.otaStatus()), nz(a.otaError()), nz(a.activationRequestType()),
                nz(a.serviceStartDate()), nz(a.serviceEndDate()), nz(a.qrCodeLink()));
    }

    /** "PO/seq": which of the PO's TAP orders the line went into. */
    private static String batch(LineResult line) {
        return line.poNumber() + "/" + (line.batchSeq() == null ? 0 : line.batchSeq());
    }

    /** The input's name; a later file dropped under the same name owns it, and this one's results get its id too. */
    private String baseName(ErpFile file) {
        return outbox.baseName(files, file, ".ack.csv", ".status.csv");
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
