package io.tapbridge.erp;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.tapbridge.ledger.OrderLines;
import org.apache.camel.Header;

/**
 * Intake of an order file: every row goes into the ledger, with file name, checksum and row number, in one
 * transaction, before the file leaves the inbox. The same file (name and checksum) is staged once only.
 */
public final class OrderFileStager {

    public static final String FLOW = "ORDERS";
    private static final Set<OrderColumn> REQUIRED = Arrays.stream(OrderColumn.values())
            .filter(OrderColumn::columnRequired).collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderColumn.class)));

    private final ErpFileStaging staging;
    private final OrderLines lines;
    private final ErpCsvReader<OrderColumn> reader = new ErpCsvReader<>(OrderColumn.class, OrderColumn::byHeaderName,
            OrderColumn::fieldName, OrderColumn.allowedNames());

    public OrderFileStager(ErpFileStaging staging, OrderLines lines) {
        this.staging = staging;
        this.lines = lines;
    }

    /**
     * Stages the file at {@code path}; the Camel file consumer passes the path and the name the ERP gave it.
     *
     * @throws ErpFileRejected when the file cannot be read as an order CSV (nothing is staged then)
     */
    public ErpFileStaging.Staged stage(@Header("CamelFilePath") String path, @Header("CamelFileName") String name) {
        return staging.stage(FLOW, Path.of(path), name, (h, fileId, file) -> {
            try (OrderLines.Stager stager = lines.stager(h, fileId)) {
                int rows = reader.read(file, REQUIRED, stager::add);
                stager.flush();
                return rows;
            }
        });
    }
}
