package io.tapbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.tapbridge.it.BridgeHarness;
import io.tapbridge.it.OrderCsv;
import org.jdbi.v3.core.Handle;

/**
 * End-to-end order lines per second through the real bridge (routes, ledger on H2, HTTP) against the sandbox.
 *
 * <ol>
 * <li>No latency: from the file landing in the inbox until every line is {@code SUCCESS} with its activation
 * details in the ledger (intake, validation, enrichment, batches, creates, polls, activations).</li>
 * <li>100 ms latency on every TAP call, 8 calls in flight: from the file landing until every batch is created, set
 * against the ideal {@code create calls × latency ÷ concurrency}.</li>
 * </ol>
 * Run with {@code bin/benchmark}; arguments: lines per run (default 20000).
 */
public final class OrderFlowBenchmark {

    private OrderFlowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.printf(Locale.ROOT, "tap-bridge order flow benchmark: %d lines in POs of 20 (%d cores, max heap %d MB)%n",
                lines, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        // a long-running bridge runs JIT-compiled code: one discarded pass first, so that the figures are not start-up's
        System.out.println("warm-up passes (discarded):");
        noLatency(Math.max(lines / 2, 2_000));
        noLatency(lines);
        // this machine's figures vary from run to run (a shared 2-core VM): three passes each, and their median
        System.out.println("measured (3 passes each):");
        List<Double> created = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int pass = 1; pass <= 3; pass++) {
            created.add(noLatency(lines));
        }
        for (int pass = 1; pass <= 3; pass++) {
            ratios.add(withLatency(lines, Duration.ofMillis(100), 8));
        }
        System.out.printf(Locale.ROOT, "median: no latency %.0f lines/s created (passes %s); latency ratio %.2f (passes %s)%n",
                median(created), format(created, "%.0f"), median(ratios), format(ratios, "%.2f"));
        System.exit(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String format(List<Double> values, String pattern) {
        return values.stream().map(v -> String.format(Locale.ROOT, pattern, v)).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Answers lines per second until every line was created in TAP. */
    private static double noLatency(int lines) throws Exception {
        Path dir = Files.createTempDirectory("tb-bench-");
        Map<String, String> settings = Map.of("tap.max-concurrency", "4", "tap.workers", "8", "tap.poll-interval", "100ms",
                "tap.activation.poll-interval", "100ms", "tap.send-interval", "100ms", "tap.claim-size", "32",
                "erp.results-interval", "2s", "tapio.work-interval", "1s", "tapio.metadata.report-cron", "0 30 * * * ?");
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> s.processingTime(Duration.ZERO).otaPendingTime(Duration.ZERO), settings);
                Handle probe = bridge.ledger().open()) {
            Map<String, Long> cpuBefore = cpuByThreadGroup();
            long start = drop(bridge, probe, lines);
            long batches = (lines + 19) / 20;
            // the sandbox's own count first (in memory, costs nothing), then the ledger must have recorded every uniqueId
            waitFor(() -> bridge.sandbox().createCalls() >= batches);
            long created = waitFor(() -> count(probe, "select count(*) from tap_batch where unique_id is not null") == batches);
            long done = waitFor(() -> count(probe, "select count(*) from tap_batch where state = 'SUCCESS' and activation = 'DONE'") == batches);
            System.out.printf(Locale.ROOT, "no latency, concurrency 4: %d lines created in TAP in %.2f s = %.0f lines/s%n", lines,
                    (created - start) / 1e9, lines / ((created - start) / 1e9));
            double seconds = (done - start) / 1e9;
            // CPU per thread group (exact, from ThreadMXBean; GC and JIT threads are not Java threads and not listed)
            Map<String, Long> cpuAfter = cpuByThreadGroup();
            cpuAfter.entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.reverseOrder())).forEach(e -> {
                long ms = (e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)) / 1_000_000;
                if (ms >= 100) {
                    System.out.printf(Locale.ROOT, "    cpu %6d ms  %s%n", ms, e.getKey());
                }
            });
            System.out.printf(Locale.ROOT, "no latency, concurrency 4: %d lines SUCCESS with activations in %.2f s = %.0f lines/s"
                    + " (%d create calls)%n", lines, seconds, lines / seconds, bridge.sandbox().createCalls());
            phases(bridge);
            return lines / ((created - start) / 1e9);
        }
    }

    /** Answers the ratio to the ideal. */
    private static double withLatency(int lines, Duration latency, int concurrency) throws Exception {
        Path dir = Files.createTempDirectory("tb-bench-");
        Map<String, String> settings = Map.of("tap.max-concurrency", Integer.toString(concurrency),
                "tap.workers", Integer.toString(2 * concurrency), "tap.poll-interval", "1h",
                "tap.send-interval", "100ms", "tap.claim-size", "256", "erp.results-interval", "2s",
                "tap.read-timeout", "30s", "tap.reconcile.settle-time", "35s", "tapio.work-interval", "1s",
                "tapio.metadata.report-cron", "0 30 * * * ?");
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> s.latency(latency), settings); Handle probe = bridge.ledger().open()) {
            long start = drop(bridge, probe, lines);
            waitFor(() -> bridge.sandbox().createCalls() >= (lines + 19) / 20);
            long done = waitFor(() -> count(probe, "select count(*) from tap_batch where unique_id is null") == 0
                    && count(probe, "select count(*) from tap_batch") == (lines + 19) / 20);
            double seconds = (done - start) / 1e9;
            long creates = bridge.sandbox().createCalls();
            double ideal = creates * latency.toMillis() / 1000.0 / concurrency;
            System.out.printf(Locale.ROOT, "latency %d ms, concurrency %d: %d lines created in %.2f s = %.0f lines/s; ideal %.2f s"
                            + " (%d creates x %d ms / %d) -> ratio %.2f%n", latency.toMillis(), concurrency, lines, seconds,
                    lines / seconds, ideal, creates, latency.toMillis(), concurrency, ideal / seconds);
            phases(bridge);
            return ideal / seconds;
        }
    }

    /** CPU time of every live thread, summed by thread name with numbers removed. */
    private static Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                String group = info.getThreadName().replaceAll("\\d+", "N").replaceAll("file://.*", "file://inbox");
                cpu.merge(group, Math.max(nanos, 0), Long::sum);
            }
        }
        return cpu;
    }

    /** Where the time went, from the ledger's own time stamps (seconds after the file was staged). */
    private static void phases(BridgeHarness bridge) {
        Map<String, Object> t = bridge.ledger().withHandle(h -> h.createQuery("select f.staged_at, f.planned_at,"
                + " (select min(started_at) from tap_call where proc_name = 'TAP_CREATE_ORDER_API') as first_create,"
                + " (select max(started_at) from tap_call where proc_name = 'TAP_CREATE_ORDER_API') as last_create,"
                + " (select max(started_at) from tap_call) as last_call from erp_file f").mapToMap().one());
        java.time.OffsetDateTime staged = (java.time.OffsetDateTime) t.get("staged_at");
        StringBuilder line = new StringBuilder("  after staging:");
        for (String key : new String[] {"planned_at", "first_create", "last_create", "last_call"}) {
            java.time.OffsetDateTime at = (java.time.OffsetDateTime) t.get(key);
            line.append(String.format(Locale.ROOT, " %s +%.2f s", key, Duration.between(staged, at).toMillis() / 1000.0));
        }
        System.out.println(line);
    }

    /** Drops the file and answers the moment it landed (System.nanoTime). */
    private static long drop(BridgeHarness bridge, Handle probe, int lines) throws InterruptedException {
        OrderCsv csv = OrderCsv.create();
        for (int po = 1; po <= (lines + 19) / 20; po++) {
            csv.po("BENCH-" + po, Math.min(20, lines - (po - 1) * 20), "B" + po);
        }
        String text = csv.toString();
        // measured from a running bridge, not one still starting: its catalogue is loaded (the warm-up comes last)
        waitFor(() -> count(probe, "select count(*) from tap_catalogue where proc_name = 'TAP_GET_MFG_MODELS_API'") > 0);
        long start = System.nanoTime();
        bridge.dropOrders("bench.csv", text);
        return start;
    }

    private static long waitFor(Supplier<Boolean> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!done.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within 10 minutes");
            }
            Thread.sleep(50); // resolution of the measurement; the probe is a cheap query on one open connection
        }
        return System.nanoTime();
    }

    private static long count(Handle probe, String sql) {
        return probe.createQuery(sql).mapTo(Long.class).one();
    }
}
