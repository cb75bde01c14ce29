package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.allIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tapbridge.sandbox.SandboxFaults;
import io.tapbridge.sandbox.TapSandboxSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The holes through which an order could be bought twice or a good line lost, each through the real routes against
 * the sandbox, asserted on what the sandbox recorded: look-ups that show only the asked serial's lines or another
 * order, create answers the text does not describe, a refusal that names lines, SUCCESS without an orderNumber,
 * short-lived tokens.
 */
class ExactlyOnceTest {

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
    void aLookUpShowingOnlyTheAskedSerialsLinesFindsTheBatchsOrder() {
        // the sandbox answers a serial's look-up with that serial's lines only, as the text says
        bridge = BridgeHarness.start(dir);
        bridge.sandbox().faults().slowNextCreates(1, Duration.ofSeconds(4)); // created, answered after the read timeout

        bridge.dropOrders("partial.csv", OrderCsv.create().po("PO-PART", 6, "PA").toString());

        bridge.awaitStatus("partial.csv", allIn("SUCCESS"));
        assertThat(bridge.orders("PO-PART")).hasSize(1);
        assertThat(bridge.orderedSerials("PO-PART")).hasSize(6).doesNotHaveDuplicates();
        assertThat(bridge.sandbox().createCalls()).isEqualTo(1);
        assertThat(bridge.callOutcomes("TAP_GET_ORDER_API")).contains("FOUND");
    }

    @Test
    void aLookUpThatNeedsThePoAloneStillDecides() {
        // all parameters must match (the other reading): the first serial's look-up says "No records found" at once
        bridge = BridgeHarness.start(dir, s -> s.orderLookup(TapSandboxSettings.OrderLookup.ALL_GIVEN), Map.of());
        bridge.sandbox().faults().failNextCreates(1, 503); // nothing created

        bridge.dropOrders("allgiven.csv", OrderCsv.create().po("PO-ALL", 3, "AG").toString());

        bridge.awaitStatus("allgiven.csv", allIn("SUCCESS"));
        assertThat(bridge.orderedSerials("PO-ALL")).containsExactlyInAnyOrder("AG-001", "AG-002", "AG-003");
        assertThat(bridge.sandbox().createCalls()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SandboxFaults.OddAnswer.class)
    void aCreateAnswerTheTextDoesNotDescribeIsReconciledNotTakenForNothingCreated(SandboxFaults.OddAnswer odd) {
        bridge = BridgeHarness.start(dir);
        bridge.sandbox().faults().answerNextCreatesOddly(1, odd, Duration.ZERO);

        bridge.dropOrders("odd.csv", OrderCsv.create().po("PO-ODD", 4, "OD").toString());

        bridge.awaitStatus("odd.csv", allIn("SUCCESS"));
        assertThat(bridge.orders("PO-ODD")).hasSize(1);
        assertThat(bridge.orderedSerials("PO-ODD")).containsExactlyInAnyOrder("OD-001", "OD-002", "OD-003", "OD-004");
        assertThat(bridge.sandbox().createCalls()).isEqualTo(1);
        assertThat(bridge.callOutcomes("TAP_CREATE_ORDER_API")).containsExactly("UNKNOWN");
        assertThat(bridge.callOutcomes("TAP_GET_ORDER_API")).contains("FOUND");
    }

    @Test
    void aLaterFileCannotBuyALineWhoseCreateHadAnUnknownOutcome() {
        bridge = BridgeHarness.start(dir);
        bridge.sandbox().faults().answerNextCreatesOddly(1, SandboxFaults.OddAnswer.OK_WITHOUT_UNIQUE_ID, Duration.ZERO);
        bridge.dropOrders("first.csv", OrderCsv.create().po("PO-GUARD", 2, "GU").toString());
        bridge.awaitStatus("first.csv", allIn("SUCCESS"));

        bridge.dropOrders("again.csv", OrderCsv.create().po("PO-GUARD", 2, "GU").toString());

        List<Map<String, String>> ack = bridge.awaitAck("again.csv");
        assertThat(ack).allSatisfy(r -> {
            assertThat(r.get("result")).isEqualTo("REJECTED");
            assertThat(r.get("message")).contains("was already ordered (file first.csv");
        });
        assertThat(bridge.orderedSerials("PO-GUARD")).containsExactlyInAnyOrder("GU-001", "GU-002");
    }

    @Test
    void anOrderTapShowsThatIsAnotherBatchsIsNeverTakenForNoOrderTheBatchIsParked() {
        bridge = BridgeHarness.start(dir);
        // the first file's order ends in ERROR at TAP, so the PO may order the serial again
        bridge.dropOrders("failed.csv", OrderCsv.create().po("PO-ATT", 1, "FAIL").toString());
        bridge.awaitStatus("failed.csv", allIn("ERROR"));
        bridge.sandbox().faults().failNextCreates(1, 500); // the second file's create: no telling what happened

        bridge.dropOrders("retry.csv", OrderCsv.create().po("PO-ATT", 1, "FAIL").toString());

        // TAP shows only the first file's order for the serial and the PO: the batch cannot be told apart
        List<Map<String, String>> status = bridge.awaitStatus("retry.csv", allIn("ATTENTION"));
        assertThat(status.get(0).get("message")).contains("ATTENTION", "not sent again", "PO PO-ATT");
        assertThat(bridge.orders("PO-ATT")).hasSize(1);
        assertThat(bridge.sandbox().createCalls()).isEqualTo(2);
        assertThat(bridge.callOutcomes("TAP_GET_ORDER_API")).contains("OTHER_ORDER").doesNotContain("FOUND", "NOT_FOUND");
        String state = bridge.ledger().withHandle(h -> h.createQuery("select b.state from tap_batch b join erp_file f on f.id = b.file_id"
                + " where f.name = 'retry.csv'").mapTo(String.class).one());
        assertThat(state).isEqualTo("ATTENTION");
    }

    @Test
    void aRefusalNamingOneLineRejectsItAndSendsTheOthersAgain() {
        bridge = BridgeHarness.start(dir);
        OrderCsv csv = OrderCsv.create().po("PO-REF", 5, "RF");
        csv.rows().get(2).put("serialNumber", "INVALID-3"); // the store's serial check refuses it, naming lines[2]

        bridge.dropOrders("refused.csv", csv.toString());

        List<Map<String, String>> status = bridge.awaitStatus("refused.csv", rows -> rows.stream()
                .filter(r -> !r.get("serialNumber").equals("INVALID-3")).allMatch(r -> r.get("status").equals("SUCCESS"))
                && rows.stream().anyMatch(r -> r.get("status").equals("REJECTED")));
        Map<String, String> refused = status.stream().filter(r -> r.get("serialNumber").equals("INVALID-3")).findFirst().orElseThrow();
        assertThat(refused.get("status")).isEqualTo("REJECTED");
        assertThat(refused.get("message")).contains("TAP refused this line", "lines[2].serialNumber", "not a valid serial number");
        assertThat(status).filteredOn(r -> !r.get("serialNumber").equals("INVALID-3"))
                .allSatisfy(r -> {
                    assertThat(r.get("batch")).isEqualTo("PO-REF/2");
                    assertThat(r.get("message")).contains("re-batched as PO-REF/2");
                });
        assertThat(bridge.orderedSerials("PO-REF")).containsExactlyInAnyOrder("RF-001", "RF-002", "RF-004", "RF-005");
        List<Map<String, String>> ack = bridge.awaitAck("refused.csv");
        assertThat(ack).filteredOn(r -> r.get("serialNumber").equals("RF-004")).singleElement()
                .satisfies(r -> assertThat(r.get("batch")).isEqualTo("PO-REF/2"));
        assertThat(ack).filteredOn(r -> r.get("serialNumber").equals("INVALID-3")).singleElement()
                .satisfies(r -> assertThat(r.get("result")).isEqualTo("REJECTED"));
    }

    @Test
    void aSuccessWithoutOrderNumberHasItsActivationsLookedUpBySerial() {
        bridge = BridgeHarness.start(dir, s -> s.omitOrderNumber(true), Map.of());

        bridge.dropOrders("nonumber.csv", OrderCsv.create().po("PO-NONUM", 3, "NN").toString());

        List<Map<String, String>> status = bridge.awaitStatus("nonumber.csv", rows -> allIn("SUCCESS").test(rows)
                && rows.stream().noneMatch(r -> r.get("passcode").isEmpty()));
        assertThat(status).extracting(r -> r.get("passcode")).doesNotHaveDuplicates();
        // no look-up was sent with a null orderNumber: every activation call answered 200
        int refused = bridge.ledger().withHandle(h -> h.createQuery("select count(*) from tap_call where proc_name ="
                + " 'TAP_GET_ACTIVATION_STATUS_API' and outcome <> 'OK'").mapTo(Integer.class).one());
        assertThat(refused).isZero();
    }

    @Test
    void tokensLivingShorterThanTheRefreshMarginAreKeptForHalfTheirLife() {
        bridge = BridgeHarness.start(dir, s -> s.tokenLifetime(Duration.ofSeconds(30)), Map.of("tap.token-refresh-margin", "60s"));

        bridge.dropOrders("tokens.csv", OrderCsv.create().po("PO-TOK1", 20, "TA").po("PO-TOK2", 20, "TB").po("PO-TOK3", 20, "TC").toString());

        bridge.awaitStatus("tokens.csv", allIn("SUCCESS"));
        long apiCalls = bridge.sandbox().calls().size();
        assertThat(apiCalls).isGreaterThan(10);
        assertThat(bridge.sandbox().tokensIssued()).as("tokens for %d calls in well under 15 s", apiCalls).isEqualTo(1);
    }
}
