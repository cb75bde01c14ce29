package io.tapbridge.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.LedgerDatabase;
import io.tapbridge.model.SourceRow;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every ERP file's intake shares, whatever its format and transport: the file is read once, as a stream,
 * hashing its bytes while a format's {@link RowParser} yields its rows; the file (flow, name, SHA-256, size) and
 * all its rows are staged in one transaction, before the file leaves the inbox. The same file (flow, name and
 * checksum) is staged once only, also when two instances race for it: the later transaction is rolled back.
 */
public final class ErpFileStaging {

    /** Opens the ledger's writer of one file's rows inside the staging transaction. */
    @FunctionalInterface
    public interface RowStager<C extends Enum<C>> {
        RowWriter<C> open(Handle h, long fileId);
    }

    /** Takes the rows of one file in file order; closed once the last is given, still inside the transaction. */
    @FunctionalInterface
    public interface RowWriter<C extends Enum<C>> extends Consumer<SourceRow<C>>, AutoCloseable {
        @Override
        default void close() {
        }

        /** A writer that buffers: {@code finish} sends what is left and lets go of its statements. */
        static <C extends Enum<C>> RowWriter<C> of(Consumer<SourceRow<C>> add, Runnable finish) {
            return new RowWriter<>() {
                @Override
                public void accept(SourceRow<C> row) {
                    add.accept(row);
                }

                @Override
                public void close() {
                    finish.run();
                }
            };
        }
    }

    /** What staging did with a file. */
    public record Staged(long fileId, String name, int rows, boolean duplicate) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ErpFileStaging.class);

    private final LedgerDatabase ledger;
    private final ErpFiles files;
    private final Clock clock;

    public ErpFileStaging(LedgerDatabase ledger, ErpFiles files, Clock clock) {
        this.ledger = ledger;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Stages the file read from {@code in} (closed here) under the name the ERP gave it.
     *
     * @throws ErpFileRejected when the file cannot be read in its format at all (nothing is staged then)
     */
    public <C extends Enum<C>> Staged stage(String flow, InputStream in, String name, RowParser<C> parser, RowStager<C> stager) {
        String refused = ErpFileNames.problem(name);
        if (refused != null) {
            closeQuietly(in);
            throw new ErpFileRejected(refused);
        }
        Fingerprint source = new Fingerprint(in);
        try (source) {
            try {
                Staged staged = ledger.inTransaction(h -> {
                    // the real checksum is known only once the stream is read: a unique stand-in until then
                    long id = files.insert(h, flow, name, "staging-" + UUID.randomUUID(), clock.instant());
                    int count;
                    try (RowWriter<C> writer = stager.open(h, id)) {
                        count = parser.parse(CloseShieldInputStream.wrap(source), writer);
                    }
                    source.transferTo(OutputStream.nullOutputStream()); // what the parser left unread is hashed too
                    var known = files.find(h, flow, name, source.checksum());
                    if (known.isPresent()) {
                        throw new Duplicate(known.get());
                    }
                    files.staged(h, id, source.checksum(), source.size(), count);
                    return new Staged(id, name, count, false);
                });
                LOG.info("Staged {} file {} as file #{}: {} rows", flow.toLowerCase(Locale.ROOT), name, staged.fileId(), staged.rows());
                return staged;
            } catch (Duplicate d) {
                return duplicate(d.known);
            } catch (UnableToExecuteStatementException e) {
                // another instance staged the same file while we read it: its transaction won the unique key
                return files.find(flow, name, source.checksum()).map(ErpFileStaging::duplicate).orElseThrow(() -> e);
            }
        } catch (IOException | RuntimeException e) {
            if (source.broken != null) {
                // the stream failed, not the file (an SFTP connection lost mid-file): nothing staged, the file is
                // no one's fault and stays where it is for the next poll
                throw new UncheckedIOException("reading " + name + " broke off after " + source.size() + " bytes: "
                        + source.broken.getMessage() + "; nothing staged", source.broken);
            }
            if (e instanceof IOException io) {
                throw new ErpFileRejected("the file cannot be read: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static Staged duplicate(ErpFile known) {
        LOG.info("File {} was staged before as file #{} on {} (same checksum): not staged again",
                known.name(), known.id(), known.stagedAt());
        return new Staged(known.id(), known.name(), known.rowCount(), true);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing a refused file's stream", e);
        }
    }

    /** Rolls the staging transaction back: the file was staged before. */
    private static final class Duplicate extends RuntimeException {
        private final transient ErpFile known;

        Duplicate(ErpFile known) {
            super(null, null, false, false);
            this.known = known;
        }
    }

    /** The stream's SHA-256 and size, taken as it is read; and whether the stream itself failed. */
    private static final class Fingerprint extends FilterInputStream {
        private final MessageDigest sha256;
        private long size;
        private String checksum;
        private IOException broken;

        Fingerprint(InputStream in) {
            super(in);
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                broken = e;
                throw e;
            }
            if (b >= 0) {
                sha256.update((byte) b);
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(buffer, off, len);
            } catch (IOException e) {
                broken = e;
                throw e;
            }
            if (n > 0) {
                sha256.update(buffer, off, n);
                size += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read(), so that skipped bytes are hashed too
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            for (int r; skipped < n && (r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped))) > 0; ) {
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would hash bytes twice
        }

        /** Once the stream is read to its end. */
        String checksum() {
            if (checksum == null) {
                checksum = HexFormat.of().formatHex(sha256.digest());
            }
            return checksum;
        }

        long size() {
            return size;
        }
    }
}
