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
import java.util.HexFormat;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every ERP file's intake shares: the file is recorded with name and SHA-256 checksum and all its rows are
 * staged in one transaction, before the file leaves the inbox; the same file (flow, name and checksum) is staged
 * once only, also when two instances race for it.
 */
public final class ErpFileStaging {

    /** Stages the rows of one file inside the transaction; answers how many records it read. */
    @FunctionalInterface
    public interface RowStager {
        int stage(Handle h, long fileId, Path file);
    }

    /** What staging did with a file. */
    public record Staged(long fileId, String name, int rows, boolean duplicate) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ErpFileStaging.class);

    private final Jdbi jdbi;
    private final ErpFiles files;
    private final Clock clock;

    public ErpFileStaging(Jdbi jdbi, ErpFiles files, Clock clock) {
        this.jdbi = jdbi;
        this.files = files;
        this.clock = clock;
    }

    /** @throws ErpFileRejected when the file cannot be read in its format at all (nothing is staged then) */
    public Staged stage(String flow, Path file, String name, RowStager rows) {
        String refused = ErpFileNames.problem(name);
        if (refused != null) {
            throw new ErpFileRejected(refused);
        }
        String checksum = sha256(file);
        var known = files.find(flow, name, checksum);
        if (known.isPresent()) {
            return duplicate(known.get());
        }
        long size = size(file);
        try {
            Staged staged = jdbi.inTransaction(h -> {
                long id = files.insert(h, flow, name, checksum, size, clock.instant());
                int count = rows.stage(h, id, file);
                files.setRowCount(h, id, count);
                return new Staged(id, name, count, false);
            });
            LOG.info("Staged {} file {} as file #{}: {} rows", flow.toLowerCase(java.util.Locale.ROOT), name, staged.fileId(), staged.rows());
            return staged;
        } catch (UnableToExecuteStatementException e) {
            // another instance staged the same file between our look-up and our insert
            var other = files.find(flow, name, checksum);
            if (other.isPresent()) {
                return duplicate(other.get());
            }
            throw e;
        }
    }

    private static Staged duplicate(ErpFile known) {
        LOG.info("File {} was staged before as file #{} on {} (same checksum): not staged again",
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
