package io.tapbridge.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tapbridge.ledger.ErpFile;
import io.tapbridge.ledger.ErpFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a flow's result files are written, and when its file is done: every planned file whose ledger rows changed
 * since its results were last written gets them rewritten; once no row of it can change any more, it is DONE.
 *
 * <p>Changes are coalesced, and a file is rewritten at most once per {@value #PACE} times its last write took, so
 * that a large file never monopolises a core. What was written counts as written up to a moment a little in the
 * past: a change stamped just before may commit while the file is read, and is then taken again next time.
 */
public final class ResultFiles {

    /** What a flow writes for one of its files, and how it tells that the file is finished. */
    public interface Writer {
        /** True when no row of the file can change any more (asked before writing, so the write shows it all). */
        boolean finished(ErpFile file);

        void write(ErpFile file);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ResultFiles.class);
    private static final Duration COMMIT_MARGIN = Duration.ofSeconds(2);
    private static final int PACE = 4;

    private final String flow;
    private final ErpFiles files;
    private final Writer writer;
    private final Clock clock;
    private final Map<Long, Instant> notBefore = new ConcurrentHashMap<>();

    public ResultFiles(String flow, ErpFiles files, Writer writer, Clock clock) {
        this.flow = flow;
        this.files = files;
        this.writer = writer;
        this.clock = clock;
    }

    /** Rewrites the results of every file of the flow whose rows changed since they were last written. */
    public void writeChanged() {
        for (ErpFile file : files.withUnwrittenResults(flow)) {
            Instant now = clock.instant();
            if (now.isBefore(notBefore.getOrDefault(file.id(), Instant.MIN))) {
                continue; // its changes stay pending in the ledger and are all written a little later
            }
            Instant upTo = now.minus(COMMIT_MARGIN);
            boolean finished = writer.finished(file);
            writer.write(file);
            files.markWritten(file.id(), upTo);
            Instant end = clock.instant();
            notBefore.put(file.id(), end.plus(Duration.between(now, end).multipliedBy(PACE)));
            if (finished) {
                files.markDone(file.id(), clock.instant());
                notBefore.remove(file.id());
                LOG.info("{} file {} (#{}) is done: every row is final", flow.charAt(0) + flow.substring(1).toLowerCase(Locale.ROOT),
                        file.name(), file.id());
            }
        }
    }
}
