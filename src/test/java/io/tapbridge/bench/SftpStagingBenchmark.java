package io.tapbridge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

import io.tapbridge.it.BridgeHarness;
import io.tapbridge.it.SftpServer;
import org.awaitility.Awaitility;

/**
 * A large order file (default 1,000,000 lines) taken over SFTP by the real bridge (erp.transport=sftp, the in-process
 * SFTP server in the same JVM), measured from the file's rename into the server's inbox until the bridge has
 * staged it and moved it to the server's archive. Run with a capped heap ({@code bin/benchmark} uses -Xmx256m):
 * the file is streamed from the server while it is staged, never held in memory.
 */
public final class SftpStagingBenchmark {

    private SftpStagingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            // the sandboxes' and the SFTP server's threads would keep the JVM alive after a failure
            System.exit(0);
        }
    }

    private static void run(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("tb-sftp-staging-");
        try (SftpServer sftp = SftpServer.start(dir.resolve("server"))) {
            Path inbox = Files.createDirectories(sftp.file("inbox/orders"));
            Path temp = inbox.resolve("million.csv.tmp");
            StagingBenchmark.write(temp, lines);
            System.out.printf(Locale.ROOT, "SFTP staging benchmark: %d lines, %d MB file, max heap %d MB%n", lines,
                    Files.size(temp) >> 20, Runtime.getRuntime().maxMemory() >> 20);
            try (BridgeHarness bridge = BridgeHarness.start(dir.resolve("bridge"), s -> { }, sftp.bridgeSettings(dir.resolve("keys")))) {
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long start = System.nanoTime();
                Files.move(temp, inbox.resolve("million.csv"), StandardCopyOption.ATOMIC_MOVE);
                Path archive = sftp.file("archive");
                Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> archived(archive));
                double seconds = (System.nanoTime() - start) / 1e9;
                long oldPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP && p.getName().contains("Old"))
                        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                System.out.printf(Locale.ROOT, "taken over SFTP and staged %d rows in %.1f s = %.0f rows/s (drop to archived on the"
                        + " server); heap capped at %d MB, old-generation peak %d MB (bridge, sandboxes and SFTP server together)%n",
                        lines, seconds, lines / seconds, Runtime.getRuntime().maxMemory() >> 20, oldPeak >> 20);
            }
        }
    }

    private static boolean archived(Path archive) throws Exception {
        if (!Files.isDirectory(archive)) {
            return false;
        }
        try (Stream<Path> files = Files.list(archive)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("million."));
        }
    }
}
