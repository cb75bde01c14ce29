package io.tapbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims with row locks: instances sharing one ledger never take the same batch (nor plan the same file), and a
 * dead instance's claims are taken over when their lease runs out. On H2 and, where a server runs (CI), on PostgreSQL.
 */
class BatchClaimTest {

    @Test
    void concurrentClaimersTakeDisjointBatchesOnH2(@TempDir Path dir) throws Exception {
        concurrentClaimersTakeDisjointBatches(LedgerDatabases.h2(dir));
    }

    @Test
    @Tag("postgres")
    void concurrentClaimersTakeDisjointBatchesOnPostgres() throws Exception {
        assumeTrue(LedgerDatabases.postgresAvailable(), "needs PostgreSQL on 127.0.0.1:5432 (database test)");
        concurrentClaimersTakeDisjointBatches(LedgerDatabases.freshPostgresSchema());
    }

    @Test
    void aLapsedLeaseIsTakenOverAndAnInFlightCreateIsReconciledNotResent(@TempDir Path dir) {
        try (LedgerDatabase db = new LedgerDatabase(LedgerDatabases.h2(dir), "sa", "", 4)) {
            MutableClock clock = new MutableClock();
            ErpFiles files = new ErpFiles(db.jdbi());
            TapBatches crashed = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "node-a", Duration.ofMinutes(5));
            TapBatches survivor = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "node-b", Duration.ofMinutes(5));
            long id = insertBatches(db, files, clock, 1).get(0);

            List<TapBatch> claimedByA = crashed.claimSendable(10);
            assertThat(claimedByA).extracting(TapBatch::id).containsExactly(id);
            assertThat(crashed.recordIntent(claimedByA.get(0))).isTrue(); // node-a dies during the create call
            assertThat(survivor.claimSendable(10)).as("still leased to node-a").isEmpty();

            clock.advance(Duration.ofMinutes(6));
            List<TapBatch> taken = survivor.claimSendable(10);
            assertThat(taken).extracting(TapBatch::id).containsExactly(id);
            assertThat(taken.get(0).uncertain()).as("the sender reconciles it instead of creating it again").isTrue();
        }
    }

    @Test
    void aFileIsPlannedByOnePlannerAtATime(@TempDir Path dir) {
        try (LedgerDatabase db = new LedgerDatabase(LedgerDatabases.h2(dir), "sa", "", 4)) {
            MutableClock clock = new MutableClock();
            ErpFiles files = new ErpFiles(db.jdbi());
            long file = db.jdbi().inTransaction(h -> files.insert(h, "ORDERS", "plan.csv", "1".repeat(64), clock.instant()));
            PlanningClaims nodeA = new PlanningClaims(db.jdbi(), clock, "node-a", Duration.ofMinutes(1));
            PlanningClaims nodeB = new PlanningClaims(db.jdbi(), clock, "node-b", Duration.ofMinutes(1));

            assertThat(nodeA.claim(file)).isTrue();
            assertThat(nodeA.claim(file)).as("a resume run on the same instance while the file is being planned").isFalse();
            assertThat(nodeB.claim(file)).as("another instance").isFalse();

            clock.advance(Duration.ofSeconds(50));
            db.jdbi().useTransaction(h -> nodeA.hold(h, file)); // a PO was planned: the lease runs a minute from now
            clock.advance(Duration.ofSeconds(50));
            assertThat(nodeB.claim(file)).as("renewed by the last PO").isFalse();

            clock.advance(Duration.ofSeconds(11)); // node-a died
            assertThat(nodeB.claim(file)).as("lapsed: taken up again").isTrue();
            nodeB.release(file); // TAP's catalogue was unreachable
            assertThat(nodeA.claim(file)).as("released: taken at once").isTrue();

            assertThat(files.markPlanned(file)).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(nodeB.claim(file)).as("planned files are never planned again").isFalse();
        }
    }

    private static void concurrentClaimersTakeDisjointBatches(String url) throws Exception {
        try (LedgerDatabase db = new LedgerDatabase(url, "sa", "", 10)) {
            Clock clock = Clock.systemUTC();
            ErpFiles files = new ErpFiles(db.jdbi());
            List<Long> all = insertBatches(db, files, clock, 300);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Callable<List<Long>>> claimers = new ArrayList<>();
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
            for (int n = 0; n < 4; n++) {
                TapBatches instance = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "node-" + n, Duration.ofMinutes(5));
                claimers.add(() -> {
                    together.await(); // all four claim at the same time
                    List<Long> mine = new ArrayList<>();
                    for (List<TapBatch> claimed = instance.claimSendable(7); !claimed.isEmpty(); claimed = instance.claimSendable(7)) {
                        claimed.forEach(b -> mine.add(b.id()));
                    }
                    return mine;
                });
            }
            List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<Long>> result : pool.invokeAll(claimers)) {
                claimed.addAll(result.get());
            }
            pool.shutdown();
            // every batch claimed once: none twice (a second purchase), none left behind (a lost order)
            assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        }
    }

    private static List<Long> insertBatches(LedgerDatabase db, ErpFiles files, Clock clock, int count) {
        return db.jdbi().inTransaction(h -> {
            long file = files.insert(h, "ORDERS", "claims.csv", "0".repeat(64), clock.instant());
            TapBatches batches = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "setup", Duration.ofMinutes(5));
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                ids.add(batches.insert(h, file, "PO-" + i, 1, 1, "SN-" + i, "{}"));
            }
            return ids;
        });
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the ledger keeps microseconds

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
