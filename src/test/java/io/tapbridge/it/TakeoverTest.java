package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tapbridge.ledger.LedgerDatabases;
import io.tapbridge.sandbox.TapSandbox;
import io.tapbridge.sandbox.TapSandboxSettings;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL ledger, each in a JVM of its own. Instance A takes the orders in and starts
 * placing them; it is killed with SIGKILL while it sends. Instance B, which never saw the files, takes A's claims
 * over once their lease runs out (seconds, not minutes: A renewed them only by its heartbeat) and places every
 * remaining line, each exactly once. The H2 proof of the same claims is {@code ClusterRaceTest}.
 */
@Tag("postgres")
class TakeoverTest {

    /** The test profile's tap.lease; B must take over within it and a few heartbeats and claim rounds. */
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** 80 batches of 5 lines at 500 ms a call, 4 at a time: A alone needs 10 s to create them. */
    private static final int FILES = 8;
    private static final int LINES = 50;

    @Test
    void aKilledInstancesClaimsAreTakenOverWithinSeconds(@TempDir Path dir) throws Exception {
        assumeTrue(LedgerDatabases.postgresAvailable(), "needs PostgreSQL on 127.0.0.1:5432 (database test)");
        String db = LedgerDatabases.freshPostgresSchema();
        try (TapSandbox tap = new TapSandbox(new TapSandboxSettings().latency(Duration.ofMillis(500))
                .processingTime(Duration.ofMillis(300)).otaPendingTime(Duration.ofMillis(200))).start()) {
            Path inboxA = Files.createDirectories(dir.resolve("a/erp/inbox/orders"));
            Set<String> expected = new HashSet<>();
            for (int f = 1; f <= FILES; f++) {
                Files.writeString(inboxA.resolve("t" + f + ".tmp"), OrderCsv.create().po("PO-TAKE-" + f, LINES, "TO" + f).toString(),
                        StandardCharsets.UTF_8);
                Files.move(inboxA.resolve("t" + f + ".tmp"), inboxA.resolve("t" + f + ".csv"));
                for (int i = 1; i <= LINES; i++) {
                    expected.add(String.format("TO%d-%03d", f, i));
                }
            }
            Process a = ChildBridge.orders(tap, dir.resolve("a/erp"), db, "postgres", dir.resolve("a/instance-id"), dir.resolve("a.log"));
            Process b = null;
            try {
                await().atMost(BridgeHarness.PATIENCE).until(() -> tap.createCalls() >= 4);
                // B joins with an inbox of its own: it sees A's work only through the ledger (its routes run once its
                // catalogue warm-up has logged); A goes on creating meanwhile, holding its next claims
                b = ChildBridge.orders(tap, dir.resolve("b/erp"), db, "postgres", dir.resolve("b/instance-id"), dir.resolve("b.log"));
                await().atMost(BridgeHarness.PATIENCE).until(() -> Files.readString(dir.resolve("b.log")).contains("TAP catalogue ready"));
                a.destroyForcibly();
                assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
                long killed = System.nanoTime();
                String instanceA = Files.readString(dir.resolve("a/instance-id")).strip();
                Jdbi ledger = Jdbi.create(db);
                String held = "select count(*) from tap_batch where lease_owner = '" + instanceA.replace("'", "''") + "'";
                int heldAtKill = ledger.withHandle(h -> h.createQuery(held).mapTo(Integer.class).one());
                assertThat(heldAtKill).as("A held claims when it died: it had not created everything yet").isPositive();

                // A's claims lapse a lease after its last heartbeat; B takes them as its claimers come round, at the
                // pace of its own senders and pollers
                await().atMost(BridgeHarness.PATIENCE).pollInterval(Duration.ofMillis(50))
                        .until(() -> ledger.withHandle(h -> h.createQuery(held).mapTo(Integer.class).one()) < heldAtKill);
                Duration first = Duration.ofNanos(System.nanoTime() - killed);
                await().atMost(BridgeHarness.PATIENCE).pollInterval(Duration.ofMillis(50))
                        .until(() -> ledger.withHandle(h -> h.createQuery(held).mapTo(Integer.class).one()) == 0);
                Duration all = Duration.ofNanos(System.nanoTime() - killed);
                System.out.printf("TakeoverTest: A died holding %d batches; B took the first over %d ms later, the last %d ms later"
                        + " (tap.lease %d s; B worked 4 calls of 500 ms at a time)%n", heldAtKill, first.toMillis(), all.toMillis(),
                        LEASE.toSeconds());
                assertThat(first).as("taken over once the lease ran out, not after minutes").isLessThan(LEASE.multipliedBy(3));

                await().atMost(BridgeHarness.PATIENCE).pollInterval(Duration.ofMillis(100))
                        .until(() -> tap.orders().stream().mapToLong(o -> o.serialNumbers().size()).sum() >= expected.size());
            } finally {
                a.destroyForcibly();
                if (b != null) {
                    b.destroy();
                    assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
                }
            }
            List<String> ordered = tap.orders().stream().flatMap(o -> o.serialNumbers().stream()).toList();
            assertThat(ordered).as("each line once").doesNotHaveDuplicates();
            assertThat(new HashSet<>(ordered)).isEqualTo(expected);
        }
    }
}
