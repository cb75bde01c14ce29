package io.tapbridge.resends;

import java.util.List;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.ResendRows;
import io.tapbridge.outbox.Outbox;
import io.tapbridge.outbox.ResultFiles;

/**
 * A resend file's results: {@code outbox/<input>.status.csv}, one line a row: SENT (TAP accepted it, with its
 * uniqueId), REJECTED (refused before any call), FAILED (TAP refused it, or its outcome is unknown), PENDING (not sent yet).
 */
public final class ResendResultFiles implements ResultFiles.Writer {

    public static final List<String> STATUS_COLUMNS = List.of("serialNumber", "status", "tapUniqueId", "message", "row");

    private final ErpFiles files;
    private final ResendRows rows;
    private final Outbox outbox;

    public ResendResultFiles(ErpFiles files, ResendRows rows, Outbox outbox) {
        this.files = files;
        this.rows = rows;
        this.outbox = outbox;
    }

    @Override
    public boolean finished(ErpFile file) {
        return rows.open(file.id()) == 0;
    }

    @Override
    public void write(ErpFile file) {
        outbox.writeCsv(outbox.baseName(files, file, ".status.csv") + ".status.csv", STATUS_COLUMNS,
                record -> rows.forEachResult(file.id(), r -> record.accept(List.of(nz(r.serialNumber()),
                        ResendRows.SENDING.equals(r.state()) ? ResendRows.PENDING : r.state(), nz(r.tapUniqueId()), nz(r.message()),
                        Integer.toString(r.rowNumber())))));
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
