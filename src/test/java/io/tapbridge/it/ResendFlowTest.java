package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.PATIENCE;
import static io.tapbridge.it.BridgeHarness.allIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tapbridge.sandbox.TapSandbox;
import io.tapbridge.sandbox.TapSandboxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TAP activation resends from the order desk's resend files: each valid row is one TAP_RESEND_ACTIVATION_API call,
 * at most once, with TAP's answer in the status file; rows TAP must not get are refused before any call.
 */
class ResendFlowTest {

    /** A device with two active services (RTX and VRS), and one with one. */
    private static String twoDevicesOrdered() {
        return OrderCsv.create().add(OrderCsv.rtxLine("PO-RS", 1, "RS-001")).add(OrderCsv.vrsLine("PO-RS", 2, "RS-001"))
                .add(OrderCsv.rtxLine("PO-RS", 3, "RS-002")).toString();
    }

    private static long resendCalls(TapSandbox tap) {
        return tap.calls().stream().filter(c -> "TAP_RESEND_ACTIVATION_API".equals(c.procName())).count();
    }

    @Test
    void eachValidRowIsResentOnceAndEveryRowSaysWhatBecameOfIt(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropOrders("devices.csv", twoDevicesOrdered());
            bridge.awaitStatus("devices.csv", allIn("SUCCESS"));

            String resends = String.join("\r\n", "serialNumber,partNumber,activationDate",
                    "RS-001,,",                      // every active service of the device
                    "RS-002,132001-10,2027-01-15",   // one service, on a date
                    "UNKNOWN-9,,",                   // TAP knows no such device
                    ",132001-10,",                   // no serial number
                    "RS-002,,2027-13-01") + "\r\n";  // no such date
            Path file = bridge.erp("inbox/resend").resolve("desk.csv");
            dropAt(file, resends);

            List<Map<String, String>> status = bridge.awaitStatus("desk.csv", allIn("SENT", "FAILED", "REJECTED"));
            assertThat(status).extracting(r -> r.get("row") + " " + r.get("serialNumber") + " " + r.get("status")).containsExactly(
                    "1 RS-001 SENT", "2 RS-002 SENT", "3 UNKNOWN-9 FAILED", "4  REJECTED", "5 RS-002 REJECTED");
            assertThat(status.get(0).get("tapUniqueId")).isNotBlank();
            assertThat(status.get(2).get("message")).startsWith("TAP refused it:").containsIgnoringCase("no data found");
            assertThat(status.get(3).get("message")).isEqualTo("serialNumber: required");
            assertThat(status.get(4).get("message")).isEqualTo("activationDate: '2027-13-01' is not a date YYYY-MM-DD");

            TapSandbox tap = bridge.sandbox();
            assertThat(resendCalls(tap)).as("the three valid rows, once each").isEqualTo(3);
            assertThat(tap.resentServices()).containsExactlyInAnyOrder("RS-001 132001-10", "RS-001 VRS-US-PNW-12", "RS-002 132001-10");

            // the same file again is the same rows, staged before: nothing is sent twice
            dropAt(file, resends);
            await().atMost(PATIENCE).until(() -> !Files.exists(file));
            assertThat(resendCalls(tap)).isEqualTo(3);
        }
    }

    @Test
    void anOperatorsResendIsRecordedAndSentLikeAFileRow(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropOrders("devices.csv", twoDevicesOrdered());
            bridge.awaitStatus("devices.csv", allIn("SUCCESS"));
            io.tapbridge.operations.OperationsMBean operations = javax.management.JMX.newMBeanProxy(
                    java.lang.management.ManagementFactory.getPlatformMBeanServer(),
                    new javax.management.ObjectName("io.tapbridge:type=Operations"), io.tapbridge.operations.OperationsMBean.class);

            String answer = operations.resendActivation("RS-001", "VRS-US-PNW-12");

            assertThat(answer).startsWith("recorded as operator-resend-RS-001-");
            String name = answer.substring("recorded as ".length(), answer.indexOf(" (file #"));
            assertThat(bridge.awaitStatus(name, allIn("SENT"))).singleElement().satisfies(r -> assertThat(r.get("serialNumber")).isEqualTo("RS-001"));
            assertThat(bridge.sandbox().resentServices()).containsExactly("RS-001 VRS-US-PNW-12");
            assertThat(operations.whereIs("RS-001")).anySatisfy(e -> {
                assertThat(e.get("kind")).isEqualTo("activation resend");
                assertThat(e.get("state")).isEqualTo("SENT");
            });
        }
    }

    @Test
    void aBridgeKilledDuringTheCallNeverSendsTheResendAgain(@TempDir Path dir) throws Exception {
        try (TapSandbox tap = new TapSandbox(new TapSandboxSettings().processingTime(Duration.ofMillis(200))
                .otaPendingTime(Duration.ZERO)).start()) {
            Path erp = dir.resolve("erp");
            String db = "jdbc:h2:file:" + dir.resolve("db/ledger").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
            Process bridge = ChildBridge.orders(tap, erp, db, "sa", dir.resolve("instance-id"), dir.resolve("bridge-1.log"));
            try {
                Path orders = erp.resolve("inbox/orders");
                await().atMost(PATIENCE).until(() -> Files.isDirectory(orders));
                dropAt(orders.resolve("devices.csv"), twoDevicesOrdered());
                await().atMost(PATIENCE).until(() -> tap.orders().size() == 1 && Files.exists(erp.resolve("outbox/devices.csv.status.csv"))
                        && Files.readString(erp.resolve("outbox/devices.csv.status.csv")).contains("SUCCESS"));
                // the resend's answer takes long: the bridge is killed while TAP has it and the bridge waits
                tap.setLatency(Duration.ofSeconds(20));
                dropAt(erp.resolve("inbox/resend/kill.csv"), "serialNumber\r\nRS-002\r\n");
                await().atMost(PATIENCE).until(() -> resendCalls(tap) == 1);
            } finally {
                bridge.destroyForcibly(); // SIGKILL during the call
                assertThat(bridge.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            tap.setLatency(Duration.ZERO);

            Process again = ChildBridge.orders(tap, erp, db, "sa", dir.resolve("instance-id"), dir.resolve("bridge-2.log"));
            try {
                Path status = erp.resolve("outbox/kill.csv.status.csv");
                await().atMost(PATIENCE).until(() -> Files.exists(status) && Files.readString(status).contains("FAILED"));
                String text = Files.readString(status, StandardCharsets.UTF_8);
                assertThat(text).contains("RS-002,FAILED,,the outcome is unknown: tap-bridge stopped during the call; not sent again");
                assertThat(resendCalls(tap)).as("sent once, never again").isEqualTo(1);
                assertThat(tap.resentServices()).containsExactly("RS-002 132001-10");
            } finally {
                again.destroy();
                assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** Written under a temporary name and renamed, as a careful ERP does. */
    private static void dropAt(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
