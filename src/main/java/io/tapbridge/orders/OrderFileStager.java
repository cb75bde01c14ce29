package io.tapbridge.orders;

import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.tapbridge.intake.ErpCsvReader;
import io.tapbridge.intake.ErpFileRejected;
import io.tapbridge.intake.ErpFileStaging;
import io.tapbridge.intake.RowParser;
import io.tapbridge.ledger.OrderLines;
import io.tapbridge.model.OrderColumn;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Intake of an order file: every row goes into the ledger, with file name, checksum and row number, in one
 * transaction, before the file leaves the inbox. The same file (name and checksum) is staged once only.
 */
public final class OrderFileStager {

    public static final String FLOW = "ORDERS";
    private static final Set<OrderColumn> REQUIRED = Arrays.stream(OrderColumn.values())
            .filter(OrderColumn::columnRequired).collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderColumn.class)));
    /** The order CSV; EDI purchase orders will be a second parser of the same columns. */
    private static final RowParser<OrderColumn> CSV = new ErpCsvReader<>(OrderColumn.class, OrderColumn::byHeaderName,
            OrderColumn::fieldName, OrderColumn.allowedNames(), REQUIRED);

    private final ErpFileStaging staging;
    private final OrderLines lines;

    public OrderFileStager(ErpFileStaging staging, OrderLines lines) {
        this.staging = staging;
        this.lines = lines;
    }

    /**
     * Stages an order CSV read from {@code in}, from whichever transport, under the name the ERP gave it.
     *
     * @throws ErpFileRejected when the file cannot be read as an order CSV (nothing is staged then)
     */
    public ErpFileStaging.Staged stage(@Body InputStream in, @Header("CamelFileName") String name) {
        return staging.stage(FLOW, in, name, CSV, (h, fileId) -> {
            OrderLines.Stager stager = lines.stager(h, fileId);
            return ErpFileStaging.RowWriter.of(stager::add, stager::close);
        });
    }
}
