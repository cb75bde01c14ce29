package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;

import io.tapbridge.ledger.LedgerDatabases;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order and machines flows with the ledger on PostgreSQL, the production database: Flyway's schema, the claims with
 * {@code FOR UPDATE SKIP LOCKED} and every state change. Needs PostgreSQL on 127.0.0.1:5432 (database test,
 * trust authentication), as on CI; skipped where there is none. H2 runs the same flow in every other test.
 */
@Tag("postgres")
class PostgresFlowTest {

    @Test
    void ordersFlowWithTheLedgerOnPostgres(@TempDir Path dir) throws Exception {
        assumeTrue(LedgerDatabases.postgresAvailable(), "needs PostgreSQL on 127.0.0.1:5432 (database test)");
        Map<String, String> postgres = Map.of("db.url", LedgerDatabases.freshPostgresSchema(), "db.username", "postgres",
                "db.password", "");
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, postgres)) {
            OrderCsv csv = OrderCsv.create().po("PG-45", 45, "PG").po("PG-HOLD", 1, "HOLD-PG");
            csv.add(OrderCsv.rtxLine("PG-BAD", 1, "PGB-1")).rows().get(46).put("autoRenewal", "X");

            bridge.dropOrders("postgres.csv", csv.toString());

            var status = bridge.awaitStatus("postgres.csv", rows -> rows.stream().filter(r -> r.get("customerPONumber").equals("PG-45"))
                    .allMatch(r -> r.get("status").equals("SUCCESS")) && rows.stream().anyMatch(r -> r.get("status").equals("ORDER_ON_HOLD")));
            assertThat(status).filteredOn(r -> r.get("customerPONumber").equals("PG-BAD")).singleElement()
                    .satisfies(r -> assertThat(r.get("status")).isEqualTo("REJECTED"));
            assertThat(bridge.sandbox().orders().stream().filter(o -> o.poNumber().equals("PG-45")).map(o -> o.lines().size()))
                    .containsExactlyInAnyOrder(20, 20, 5);
            assertThat(bridge.ledger().withHandle(h -> h.createQuery("select count(*) from tap_batch where state = 'SUCCESS'")
                    .mapTo(Integer.class).one()).intValue()).isEqualTo(3);
        }
    }

    @Test
    void machinesFlowWithTheLedgerOnPostgres(@TempDir Path dir) throws Exception {
        assumeTrue(LedgerDatabases.postgresAvailable(), "needs PostgreSQL on 127.0.0.1:5432 (database test)");
        Map<String, String> postgres = Map.of("db.url", LedgerDatabases.freshPostgresSchema(), "db.username", "postgres",
                "db.password", "");
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, postgres)) {
            bridge.dropMachines("pg-machines.csv", MachineCsv.create().sold("PG-M1", MachineCsv.MACHINE_BOARD)
                    .sold("PG-M2", MachineCsv.MATERIAL_ASSIST).row(Map.of("action", "offboard", "serialNumber", "PG-M1")).toString());

            var status = bridge.awaitStatus("pg-machines.csv", BridgeHarness.allIn("DONE"));
            assertThat(status).extracting(r -> r.get("step")).containsExactly("ASSIGN/" + MachineCsv.MACHINE_BOARD,
                    "ASSIGN/" + MachineCsv.MATERIAL_ASSIST, "OFFBOARD");
            assertThat(bridge.tapio().assignments()).singleElement().satisfies(a -> assertThat(a.tmid()).isEqualTo("tdmPG-M2"));
            assertThat(bridge.tapio().machine("tdmPG-M1")).get().satisfies(m -> assertThat(m.onboardedIn()).isNull());
        }
    }
}
