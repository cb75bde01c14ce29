package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tapbridge.sandbox.SandboxOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POs of 1, 19, 20, 21, 40, 41 and 45 lines become TAP orders of at most 20 lines, nothing lost or doubled. */
class BatchBoundariesTest {

    @Test
    void posAreSplitIntoOrdersOfAtMostTwentyLines(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            int[] sizes = {1, 19, 20, 21, 40, 41, 45};
            OrderCsv csv = OrderCsv.create();
            for (int size : sizes) {
                csv.po("B" + size, size, "S" + size);
            }
            bridge.dropOrders("boundaries.csv", csv.toString());
            bridge.awaitStatus("boundaries.csv", BridgeHarness.allIn("SUCCESS"));

            Map<String, List<Integer>> orderSizes = bridge.sandbox().orders().stream().collect(Collectors.groupingBy(
                    SandboxOrder::poNumber, Collectors.mapping(o -> o.lines().size(), Collectors.toList())));
            assertThat(orderSizes.get("B1")).containsExactly(1);
            assertThat(orderSizes.get("B19")).containsExactly(19);
            assertThat(orderSizes.get("B20")).containsExactly(20);
            assertThat(orderSizes.get("B21")).containsExactlyInAnyOrder(20, 1);
            assertThat(orderSizes.get("B40")).containsExactlyInAnyOrder(20, 20);
            assertThat(orderSizes.get("B41")).containsExactlyInAnyOrder(20, 20, 1);
            assertThat(orderSizes.get("B45")).containsExactlyInAnyOrder(20, 20, 5);
            List<String> serials = bridge.sandbox().orders().stream().flatMap(o -> o.serialNumbers().stream()).toList();
            assertThat(serials).hasSize(187).doesNotHaveDuplicates();
        }
    }

    @Test
    void aSmallerConfiguredBatchSizeIsHonoured(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, Map.of("tap.batch-size", "7"))) {
            bridge.dropOrders("seven.csv", OrderCsv.create().po("B15", 15, "SV").toString());
            bridge.awaitStatus("seven.csv", BridgeHarness.allIn("SUCCESS"));
            assertThat(bridge.sandbox().orders()).extracting(o -> o.lines().size()).containsExactlyInAnyOrder(7, 7, 1);
        }
    }
}
