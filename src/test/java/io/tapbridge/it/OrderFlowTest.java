package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.allIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tapbridge.sandbox.SandboxOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file of order lines, end to end: intake, validation, enrichment, batches, TAP, polling, result files. */
class OrderFlowTest {

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
    void aFileBecomesSuccessLinesWithActivationDetails() {
        bridge = BridgeHarness.start(dir);
        OrderCsv csv = OrderCsv.create().po("PO-45", 45, "R12-A").po("PO-2", 2, "R12-B");

        bridge.dropOrders("orders-1.csv", csv.toString());

        List<Map<String, String>> ack = bridge.awaitAck("orders-1.csv");
        assertThat(ack).hasSize(47).allSatisfy(r -> assertThat(r.get("result")).isEqualTo("ACCEPTED"));
        List<Map<String, String>> status = bridge.awaitStatus("orders-1.csv",
                rows -> allIn("SUCCESS").test(rows) && rows.stream().allMatch(r -> !r.get("passcode").isEmpty()));
        assertThat(status).hasSize(47);
        assertThat(status).allSatisfy(r -> {
            assertThat(r.get("tapUniqueId")).isNotBlank();
            assertThat(r.get("tapOrderNumber")).isNotBlank();
            assertThat(r.get("otaActivationStatus")).isNotBlank();
        });

        // TAP's side: PO-45 as three orders of 20, 20 and 5 lines, PO-2 as one; every serial ordered exactly once
        List<SandboxOrder> orders = bridge.sandbox().orders();
        Map<String, List<Integer>> sizes = orders.stream().collect(Collectors.groupingBy(SandboxOrder::poNumber,
                Collectors.mapping(o -> o.lines().size(), Collectors.toList())));
        assertThat(sizes.get("PO-45")).containsExactlyInAnyOrder(20, 20, 5);
        assertThat(sizes.get("PO-2")).containsExactly(2);
        List<String> serials = orders.stream().flatMap(o -> o.serialNumbers().stream()).toList();
        assertThat(serials).hasSize(47).doesNotHaveDuplicates();
        assertThat(orders).allSatisfy(o -> assertThat(o.customerOrderRef()).isEqualTo("ERP-" + o.poNumber()));
        assertThat(bridge.erp("archive")).isNotEmptyDirectory();
        assertThat(bridge.erp("inbox/orders")).isEmptyDirectory();
    }
}
