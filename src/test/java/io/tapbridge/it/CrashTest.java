package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tapbridge.sandbox.TapSandbox;
import io.tapbridge.sandbox.TapSandboxSettings;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge in a JVM of its own against the TAP sandbox, killed with SIGKILL at random moments while it creates and
 * polls, and restarted each time on the same ledger and folders. It must end with every valid line placed exactly
 * once, as the sandbox recorded it.
 *
 * <p>The short version runs in {@code mvn verify}. The long one: {@code mvn -B verify -Dtest=CrashTest
 * -Dcrash.kills=20 -Dcrash.files=10 -Dcrash.lines=60} (figures in the README). {@code -Dcrash.seed=N} repeats a run.
 */
class CrashTest {

    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final int FILES = Integer.getInteger("crash.files", 3);
    private static final int LINES = Integer.getInteger("crash.lines", 25);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());

    @TempDir
    Path dir;

    @Test
    void killedAtRandomWhileCreatingAndPollingEveryLineIsPlacedExactlyOnce() throws Exception {
        Random random = new Random(SEED);
        long started = System.nanoTime();
        System.out.printf("CrashTest: seed %d, %d kills, %d files of %d lines%n", SEED, KILLS, FILES, LINES);
        try (TapSandbox tap = new TapSandbox(new TapSandboxSettings().latency(Duration.ofMillis(40))
                .processingTime(Duration.ofMillis(500)).otaPendingTime(Duration.ofMillis(300))).start()) {
            Path erp = dir.resolve("erp");
            Path inbox = Files.createDirectories(erp.resolve("inbox/orders"));
            Set<String> expected = new HashSet<>();
            for (int f = 1; f <= FILES; f++) {
                String prefix = "K" + f;
                String csv = OrderCsv.create().po("PO-CRASH-" + f, LINES, prefix).toString();
                Files.writeString(inbox.resolve("crash-" + f + ".tmp"), csv, StandardCharsets.UTF_8);
                Files.move(inbox.resolve("crash-" + f + ".tmp"), inbox.resolve("crash-" + f + ".csv"));
                for (int i = 1; i <= LINES; i++) {
                    expected.add(String.format("%s-%03d", prefix, i));
                }
            }

            List<String> kills = new ArrayList<>();
            for (int life = 1; life <= KILLS; life++) {
                Process bridge = start(tap, life);
                try {
                    // a random number of remote calls into this life: creates, reconciliations, polls, activations
                    int before = tap.calls().size();
                    int after = before + 3 + random.nextInt(25);
                    boolean reached = awaitCalls(tap, after, bridge, erp.resolve("outbox"));
                    kills.add(String.format("life %d: killed after %d calls (%s)", life, tap.calls().size() - before,
                            reached ? "as planned" : "the work was done first"));
                } finally {
                    bridge.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
                    assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();
                }
            }
            kills.forEach(k -> System.out.println("CrashTest: " + k));

            Process last = start(tap, KILLS + 1);
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> allSucceeded(erp.resolve("outbox"), FILES, LINES));
            } finally {
                last.destroy();
                assertThat(last.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            }
            // what the kills left behind, from the ledger the lives shared
            Map<String, Object> reconciled = Jdbi.create(dbUrl(), "sa", "").withHandle(h -> h.createQuery("select"
                    + " (select count(distinct batch_id) from tap_call where proc_name = 'TAP_GET_ORDER_API' and outcome in ('FOUND', 'NOT_FOUND')) as batches,"
                    + " (select count(*) from tap_call where proc_name = 'TAP_GET_ORDER_API' and outcome = 'FOUND') as found,"
                    + " (select count(*) from tap_call where proc_name = 'TAP_GET_ORDER_API' and outcome = 'NOT_FOUND') as not_found,"
                    + " (select count(*) from tap_batch where attempts > 1) as sent_again").mapToMap().one());
            System.out.printf("CrashTest: reconciled after a kill: %s batches (look-ups that found the order: %s, that found none: %s);"
                    + " batches sent again after TAP had none: %s%n", reconciled.get("batches"), reconciled.get("found"),
                    reconciled.get("not_found"), reconciled.get("sent_again"));

            List<String> ordered = tap.orders().stream().flatMap(o -> o.serialNumbers().stream()).toList();
            Map<String, Long> counts = ordered.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertThat(counts.entrySet()).as("bought more than once").filteredOn(e -> e.getValue() > 1).isEmpty();
            assertThat(new HashSet<>(ordered)).as("every valid line placed").isEqualTo(expected);
            System.out.printf("CrashTest: %d lines in %d orders, each once; %d create calls; %.0f s in all%n", ordered.size(),
                    tap.orders().size(), tap.createCalls(), (System.nanoTime() - started) / 1e9);
        }
    }

    private Process start(TapSandbox tap, int life) throws IOException {
        return ChildBridge.orders(tap, dir.resolve("erp"), dbUrl(), "sa", dir.resolve("instance-id"), dir.resolve("bridge-" + life + ".log"));
    }

    private String dbUrl() {
        return "jdbc:h2:file:" + dir.resolve("db/ledger").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** True once TAP saw {@code calls} calls; false when the bridge finished every file first (or died, or 60 s passed). */
    private static boolean awaitCalls(TapSandbox tap, int calls, Process bridge, Path outbox) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int round = 0; System.nanoTime() < deadline && bridge.isAlive(); round++) {
            if (tap.calls().size() >= calls) {
                return true;
            }
            if (round % 50 == 49 && allSucceeded(outbox, FILES, LINES)) {
                return false;
            }
            try {
                Thread.sleep(5); // a tight poll of an in-memory counter: the kill should land close to the count
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean allSucceeded(Path outbox, int files, int lines) {
        for (int f = 1; f <= files; f++) {
            Path status = outbox.resolve("crash-" + f + ".csv.status.csv");
            if (!Files.exists(status)) {
                return false;
            }
            try (Reader reader = Files.newBufferedReader(status, StandardCharsets.UTF_8)) {
                List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
                if (rows.size() != lines || !rows.stream().allMatch(r -> "SUCCESS".equals(r.get("status")) && !r.get("passcode").isEmpty())) {
                    return false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }
}
