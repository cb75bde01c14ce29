package io.tapbridge.erp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.OrderLines;
import org.apache.camel.Header;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake of an order file: every row goes into the ledger, with file name, checksum and row number, in one
 * transaction, before the file leaves the inbox. The same file (name and checksum) is staged once only.
 */
public final class OrderFileStager {

    public static final String FLOW = "ORDERS";
    private static final Logger LOG = LoggerFactory.getLogger(OrderFileStager.class);
    private static final Set<OrderColumn> REQUIRED = Arrays.stream(OrderColumn.values())
            .filter(OrderColumn::columnRequired).collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderColumn.class)));

    private final Jdbi jdbi;
    private final ErpFiles files;
    private final OrderLines lines;
    private final Clock clock;
    private final ErpCsvReader<OrderColumn> reader = new ErpCsvReader<>(OrderColumn.class, OrderColumn::byHeaderName,
            OrderColumn::fieldName, OrderColumn.allowedNames());

    public OrderFileStager(Jdbi jdbi, ErpFiles files, OrderLines lines, Clock clock) {
        this.jdbi = jdbi;
        this.files = files;
        this.lines = lines;
        this.clock = clock;
    }

    /** What staging did with a file. */
    public record Staged(long fileId, String name, int rows, boolean duplicate) {
    }

    /**
     * Stages the file at {@code path}; the Camel file consumer passes the path and the name the ERP gave it.
     *
     * @throws ErpFileRejected when the file cannot be read as an order CSV (nothing is staged then)
     */
    public Staged stage(@Header("CamelFilePath") String path, @Header("CamelFileName") String name) {
        Path file = Path.of(path);
        String checksum = sha256(file);
        var known = files.find(FLOW, name, checksum);
        if (known.isPresent()) {
            return duplicate(known.get());
        }
        long size = size(file);
        try {
            Staged staged = jdbi.inTransaction(h -> {
                long id = files.insert(h, FLOW, name, checksum, size, clock.instant());
                int rows;
                try (OrderLines.Stager stager = lines.stager(h, id)) {
                    rows = reader.read(file, REQUIRED, stager::add);
                    stager.flush();
                }
                files.setRowCount(h, id, rows);
                return new Staged(id, name, rows, false);
            });
            LOG.info("Staged order file {} as file #{}: {} rows", name, staged.fileId(), staged.rows());
            return staged;
        } catch (UnableToExecuteStatementException e) {
            // another instance staged the same file between our look-up and our insert
            var other = files.find(FLOW, name, checksum);
            if (other.isPresent()) {
                return duplicate(other.get());
            }
            throw e;
        }
    }

    private static Staged duplicate(ErpFile known) {
        LOG.info("Order file {} was staged before as file #{} on {} (same checksum): not staged again",
                known.name(), known.id(), known.stagedAt());
        return new Staged(known.id(), known.name(), known.rowCount(), true);
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
