package io.tapbridge.bench;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.intake.ErpFileStaging;
import io.tapbridge.it.OrderCsv;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.LedgerDatabase;
import io.tapbridge.ledger.OrderLines;
import io.tapbridge.orders.OrderFileStager;

/**
 * Stages one large order file (default 1,000,000 lines) into an H2 ledger, the way the intake route does, and
 * reports time and peak heap. Run it with a capped heap ({@code bin/benchmark} uses -Xmx256m) to show that staging
 * streams: the file is never held in memory.
 */
public final class StagingBenchmark {

    private StagingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("tb-staging-");
        Path file = dir.resolve("million.csv");
        write(file, lines);
        System.out.printf(Locale.ROOT, "staging benchmark: %d lines, %d MB file, max heap %d MB%n", lines,
                Files.size(file) >> 20, Runtime.getRuntime().maxMemory() >> 20);
        try (LedgerDatabase db = new LedgerDatabase("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath(), "sa", "", 2)) {
            OrderFileStager stager = new OrderFileStager(new ErpFileStaging(db, new ErpFiles(db.jdbi()), Clock.systemUTC()),
                    new OrderLines(db.jdbi(), new ObjectMapper()));
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            ErpFileStaging.Staged staged = stager.stage(Files.newInputStream(file), file.getFileName().toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            // what survives collections is the old generation: its peak is the memory staging really holds on to
            long oldPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old"))
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf(Locale.ROOT, "staged %d rows in %.1f s = %.0f rows/s; heap capped at %d MB, old-generation peak %d MB%n",
                    staged.rows(), seconds, staged.rows() / seconds, Runtime.getRuntime().maxMemory() >> 20, oldPeak >> 20);
        }
    }

    /** Writes the file line by line: POs of 20 lines with the sandbox catalogue's values. */
    static void write(Path file, int lines) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Map<String, String> first = OrderCsv.rtxLine("P", 1, "S");
            out.write(String.join(",", first.keySet()));
            out.write("\r\n");
            for (int i = 0; i < lines; i++) {
                Map<String, String> line = OrderCsv.rtxLine("MILLION-" + (i / 20), i % 20 + 1, "M" + i);
                out.write(String.join(",", line.values()));
                out.write("\r\n");
            }
        }
    }
}
