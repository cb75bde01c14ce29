package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.allIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tapbridge.sandbox.SandboxOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What goes wrong between the bridge and TAP: expired tokens, failures, a create that times out but still creates,
 * orders on hold or in error, and a stop at the worst moment. Asserted on the sandbox's recorded orders: every
 * serial ordered exactly once.
 */
class ResilienceTest {

    @TempDir
    Path dir;
    BridgeHarness bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void anExpiredTokenIsReplacedOnceAndTheCallRepeated() {
        bridge = BridgeHarness.start(dir);
        bridge.dropOrders("first.csv", OrderCsv.create().po("PO-T1", 3, "TK1").toString());
        bridge.awaitStatus("first.csv", allIn("SUCCESS"));
        int tokens = bridge.sandbox().tokensIssued();

        bridge.sandbox().expireTokens();
        bridge.dropOrders("second.csv", OrderCsv.create().po("PO-T2", 3, "TK2").toString());

        bridge.awaitStatus("second.csv", allIn("SUCCESS"));
        assertThat(bridge.sandbox().tokensIssued()).isEqualTo(tokens + 1);
        assertThat(bridge.sandbox().calls()).anyMatch(c -> c.httpStatus() == 401);
        assertThat(bridge.orderedSerials("PO-T2")).containsExactlyInAnyOrder("TK2-001", "TK2-002", "TK2-003");
    }

    @Test
    void a5xxOnCreateIsReconciledThenSentAgainOnce() {
        bridge = BridgeHarness.start(dir);
        bridge.sandbox().faults().failNextCreates(1, 503);

        bridge.dropOrders("fivexx.csv", OrderCsv.create().po("PO-5XX", 4, "FX").toString());

        bridge.awaitStatus("fivexx.csv", allIn("SUCCESS"));
        assertThat(bridge.orderedSerials("PO-5XX")).containsExactlyInAnyOrder("FX-001", "FX-002", "FX-003", "FX-004");
        assertThat(bridge.sandbox().createCalls()).isEqualTo(2);
        assertThat(bridge.callOutcomes("TAP_CREATE_ORDER_API")).containsExactly("UNKNOWN", "CREATED");
        assertThat(bridge.callOutcomes("TAP_GET_ORDER_API")).startsWith("NOT_FOUND");
    }

    @Test
    void aCreateThatTimesOutButStillCreatesIsFoundAndNotSentAgain() {
        bridge = BridgeHarness.start(dir); // the test profile's tap.read-timeout is 2 s
        bridge.sandbox().faults().slowNextCreates(1, Duration.ofSeconds(4));

        bridge.dropOrders("slow.csv", OrderCsv.create().po("PO-SLOW", 5, "SL").toString());

        bridge.awaitStatus("slow.csv", allIn("SUCCESS"));
        List<SandboxOrder> orders = bridge.sandbox().orders().stream().filter(o -> o.poNumber().equals("PO-SLOW")).toList();
        assertThat(orders).hasSize(1);
        assertThat(bridge.sandbox().createCalls()).isEqualTo(1);
        assertThat(bridge.callOutcomes("TAP_CREATE_ORDER_API")).containsExactly("UNKNOWN");
        assertThat(bridge.callOutcomes("TAP_GET_ORDER_API")).contains("FOUND");
        String uniqueId = bridge.ledger().withHandle(h -> h.createQuery("select unique_id from tap_batch").mapTo(String.class).one());
        assertThat(uniqueId).isEqualTo(orders.get(0).uniqueId());
    }

    @Test
    void throttlingIsWaitedOutAndNothingIsOrderedTwice() {
        bridge = BridgeHarness.start(dir);
        bridge.sandbox().faults().rateLimitNext(2, 1);

        bridge.dropOrders("throttled.csv", OrderCsv.create().po("PO-429", 2, "RL").toString());

        bridge.awaitStatus("throttled.csv", allIn("SUCCESS"));
        assertThat(bridge.orderedSerials("PO-429")).containsExactlyInAnyOrder("RL-001", "RL-002");
        assertThat(bridge.sandbox().calls()).anyMatch(c -> c.httpStatus() == 429);
    }

    @Test
    void ordersOnHoldAndInErrorShowInTheStatusFile() {
        bridge = BridgeHarness.start(dir);
        OrderCsv csv = OrderCsv.create().po("PO-OK", 1, "OK").po("PO-HOLD", 1, "HOLD").po("PO-FAIL", 1, "FAIL");

        bridge.dropOrders("mixed.csv", csv.toString());

        List<Map<String, String>> status = bridge.awaitStatus("mixed.csv", rows -> rows.stream().map(r -> r.get("status")).toList()
                .containsAll(List.of("SUCCESS", "ORDER_ON_HOLD", "ERROR")));
        assertThat(status).filteredOn(r -> r.get("customerPONumber").equals("PO-HOLD")).singleElement()
                .satisfies(r -> assertThat(r.get("message")).contains("holds order"));
        assertThat(status).filteredOn(r -> r.get("customerPONumber").equals("PO-FAIL")).singleElement()
                .satisfies(r -> assertThat(r.get("message")).contains("orderStatus ERROR"));

        String held = bridge.sandbox().orders().stream().filter(o -> o.poNumber().equals("PO-HOLD")).findFirst().orElseThrow().uniqueId();
        bridge.sandbox().releaseHold(held);
        bridge.awaitStatus("mixed.csv", rows -> rows.stream().filter(r -> r.get("customerPONumber").equals("PO-HOLD"))
                .allMatch(r -> r.get("status").equals("SUCCESS") && !r.get("passcode").isEmpty()));
        // an order in ERROR is final: while the held order was polled on, it was never asked for again
        Map<String, Object> failed = bridge.ledger().withHandle(h -> h.createQuery("select b.updated_at, (select max(c.started_at)"
                + " from tap_call c where c.batch_id = b.id and c.proc_name = 'TAP_GET_ORDER_API') as last_poll,"
                + " (select count(*) from tap_call c where c.batch_id = b.id) as calls"
                + " from tap_batch b where b.po_number = 'PO-FAIL' and b.state = 'ERROR'").mapToMap().one());
        assertThat((java.time.OffsetDateTime) failed.get("last_poll")).isBeforeOrEqualTo((java.time.OffsetDateTime) failed.get("updated_at"));
        long holdPolls = bridge.ledger().withHandle(h -> h.createQuery("select count(*) from tap_call c join tap_batch b on b.id = c.batch_id"
                + " where b.po_number = 'PO-HOLD' and c.proc_name = 'TAP_GET_ORDER_API'").mapTo(Long.class).one());
        assertThat(holdPolls).isGreaterThan(1);
    }

    @Test
    void aRestartAfterStagingAndBeforeSendingCompletesWithoutDuplicates() {
        // first life: sending is effectively off, so the file is staged and planned but nothing reaches TAP
        bridge = BridgeHarness.start(dir, s -> { }, Map.of("tap.send-interval", "1h"));
        bridge.dropOrders("restart.csv", OrderCsv.create().po("PO-RS", 25, "RS").toString());
        bridge.awaitAck("restart.csv");
        assertThat(bridge.sandbox().orders()).isEmpty();

        // second life: same ledger, folders and TAP; sending on again
        bridge.restartBridge(Map.of("tap.send-interval", "200ms"));

        bridge.awaitStatus("restart.csv", allIn("SUCCESS"));
        assertThat(bridge.orderedSerials("PO-RS")).hasSize(25).doesNotHaveDuplicates();
        assertThat(bridge.sandbox().createCalls()).isEqualTo(2);
    }
}
