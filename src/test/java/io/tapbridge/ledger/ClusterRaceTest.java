package io.tapbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.model.OrderColumn;
import io.tapbridge.model.SourceRow;
import io.tapbridge.orders.BatchPlanner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances on one ledger: the same PO in two files planned by two planners at the same moment orders each
 * line once (the re-export guard is a constraint, not a look-up), a batch is changed only by the instance holding
 * its claim, a restarted instance takes its own claims back at once and a dead instance's claims lapse within the
 * lease while a live one's heartbeat keeps them. On H2 and, where a server runs, on PostgreSQL.
 */
class ClusterRaceTest {

    private static final int POS = 30;

    @Test
    void twoPlannersOfOnePoInTwoFilesOrderEachLineOnceOnH2(@TempDir Path dir) throws Exception {
        twoPlannersOrderEachLineOnce(LedgerDatabases.h2(dir));
    }

    @Test
    @Tag("postgres")
    void twoPlannersOfOnePoInTwoFilesOrderEachLineOnceOnPostgres() throws Exception {
        assumeTrue(LedgerDatabases.postgresAvailable(), "needs PostgreSQL on 127.0.0.1:5432 (database test)");
        twoPlannersOrderEachLineOnce(LedgerDatabases.freshPostgresSchema());
    }

    @Test
    void aBatchIsChangedOnlyByTheInstanceHoldingItsClaim(@TempDir Path dir) {
        try (LedgerDatabase db = new LedgerDatabase(LedgerDatabases.h2(dir), "sa", "", 4)) {
            BatchClaimTest.MutableClock clock = new BatchClaimTest.MutableClock();
            TapBatches nodeA = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "node-a", Duration.ofSeconds(10));
            TapBatches nodeB = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "node-b", Duration.ofSeconds(10));
            long file = db.jdbi().inTransaction(h -> new ErpFiles(db.jdbi()).insert(h, "ORDERS", "lease.csv", "2".repeat(64), clock.instant()));
            db.jdbi().useTransaction(h -> nodeA.insert(h, file, "PO-L", 1, 1, "SN-L", "{}"));

            TapBatch claimedByA = nodeA.claimSendable(1).get(0);
            clock.advance(Duration.ofSeconds(11)); // node-a stalls past its lease; node-b takes the batch over
            TapBatch claimedByB = nodeB.claimSendable(1).get(0);

            assertThat(nodeA.recordIntent(claimedByA)).as("a lapsed claim sends nothing").isFalse();
            assertThat(nodeB.recordIntent(claimedByB)).isTrue();
            TapCall late = new TapCall("TAP_CREATE_ORDER_API", clock.instant(), 503, "UNKNOWN", null, "late answer");
            assertThat(nodeA.update(claimedByA, late, TapBatch.READY, clock.instant(), "stale")).isFalse();
            assertThat(state(db, claimedByA.id())).isEqualTo("SENDING");
            int calls = db.jdbi().withHandle(h -> h.createQuery("select count(*) from tap_call").mapTo(Integer.class).one());
            assertThat(calls).as("the stale call is still recorded").isEqualTo(1);
        }
    }

    @Test
    void aRestartTakesItsClaimsBackAtOnceAndTheHeartbeatKeepsALiveInstancesClaims(@TempDir Path dir) {
        try (LedgerDatabase db = new LedgerDatabase(LedgerDatabases.h2(dir), "sa", "", 4)) {
            BatchClaimTest.MutableClock clock = new BatchClaimTest.MutableClock();
            Duration lease = Duration.ofSeconds(15);
            TapBatches nodeA = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "node_a", lease);
            TapBatches nodeB = new TapBatches(db.jdbi(), new TapCalls(clock), clock, "node-b", lease);
            InstanceLeases leasesA = new InstanceLeases(db.jdbi(), clock, "node_a", lease, lease, lease);
            long file = db.jdbi().inTransaction(h -> new ErpFiles(db.jdbi()).insert(h, "ORDERS", "hb.csv", "3".repeat(64), clock.instant()));
            db.jdbi().useTransaction(h -> {
                nodeA.insert(h, file, "PO-H", 1, 1, "SN-1", "{}");
                nodeA.insert(h, file, "PO-H", 2, 1, "SN-2", "{}");
            });
            List<TapBatch> mine = nodeA.claimSendable(1);
            assertThat(mine).hasSize(1);

            for (int beat = 0; beat < 4; beat++) { // node-a lives for a minute, beating every 5 s
                clock.advance(Duration.ofSeconds(5));
                leasesA.renew();
                assertThat(nodeB.claimSendable(10)).extracting(TapBatch::id).doesNotContain(mine.get(0).id());
            }
            // node-b took the other batch meanwhile; node-a is killed and started again
            assertThat(leasesA.takeBack()).isEqualTo(1);
            assertThat(nodeA.claimSendable(10)).extracting(TapBatch::id).containsExactly(mine.get(0).id());
            // node-b dies: node-a's heartbeat renews only node-a's claims, and node-b's lapse within the lease
            clock.advance(Duration.ofSeconds(10));
            leasesA.renew();
            assertThat(nodeA.claimSendable(10)).as("node-b's lapsed claim, taken over").extracting(TapBatch::id)
                    .doesNotContain(mine.get(0).id()).hasSize(1);
        }
    }

    private static String state(LedgerDatabase db, long id) {
        return db.jdbi().withHandle(h -> h.createQuery("select state from tap_batch where id = ?").bind(0, id).mapTo(String.class).one());
    }

    private static void twoPlannersOrderEachLineOnce(String url) throws Exception {
        try (LedgerDatabase db = new LedgerDatabase(url, "sa", "", 10)) {
            Clock clock = Clock.systemUTC();
            ObjectMapper json = new ObjectMapper();
            ErpFiles files = new ErpFiles(db.jdbi());
            OrderLines lines = new OrderLines(db.jdbi(), json);
            long[] fileIds = new long[2];
            for (int f = 0; f < 2; f++) {
                int n = f;
                fileIds[f] = db.jdbi().inTransaction(h -> {
                    long id = files.insert(h, "ORDERS", "race-" + n + ".csv", Integer.toString(n).repeat(64), clock.instant());
                    try (OrderLines.Stager stager = lines.stager(h, id)) {
                        int row = 0;
                        for (int po = 1; po <= POS; po++) {
                            for (int l = 1; l <= 3; l++) {
                                stager.add(row(++row, "PO-R" + po, l, "RS-" + po + "-" + l));
                            }
                        }
                        stager.flush();
                    }
                    return id;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<?>> planners = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                long fileId = fileIds[f];
                String node = "node-" + f;
                TapBatches batches = new TapBatches(db.jdbi(), new TapCalls(clock), clock, node, Duration.ofMinutes(1));
                PlanningClaims planning = new PlanningClaims(db.jdbi(), clock, node, Duration.ofMinutes(1));
                BatchPlanner planner = new BatchPlanner(db, lines, batches, planning, 20);
                planners.add(pool.submit(() -> {
                    for (int po = 1; po <= POS; po++) {
                        together.await(); // both planners plan the same PO at the same moment
                        planner.split(lines.loadStaged(fileId, "PO-R" + po));
                    }
                    return null;
                }));
            }
            for (Future<?> planner : planners) {
                planner.get();
            }
            pool.shutdown();
            List<Map<String, Object>> accepted = db.jdbi().withHandle(h -> h.createQuery("select po_number, serial_number, file_id"
                    + " from order_line where state = 'ACCEPTED'").mapToMap().list());
            assertThat(accepted).as("each line accepted in exactly one of the two files").hasSize(POS * 3)
                    .extracting(r -> r.get("serial_number")).doesNotHaveDuplicates();
            int rejected = db.jdbi().withHandle(h -> h.createQuery("select count(*) from order_line where state = 'REJECTED'"
                    + " and message like '%already ordered%'").mapTo(Integer.class).one());
            assertThat(rejected).isEqualTo(POS * 3);
            int guarded = db.jdbi().withHandle(h -> h.createQuery("select count(*) from order_guard").mapTo(Integer.class).one());
            assertThat(guarded).isEqualTo(POS * 3);
        }
    }

    private static SourceRow<OrderColumn> row(int row, String po, int lineNumber, String serial) {
        Map<OrderColumn, String> values = new EnumMap<>(OrderColumn.class);
        values.put(OrderColumn.CUSTOMER_PO_NUMBER, po);
        values.put(OrderColumn.LINE_NUMBER, Integer.toString(lineNumber));
        values.put(OrderColumn.SERIAL_NUMBER, serial);
        values.put(OrderColumn.PART_NUMBER, "132001-10");
        values.put(OrderColumn.CURRENCY_CODE, "USD");
        return new SourceRow<>(row, row + 1, values, null);
    }
}
