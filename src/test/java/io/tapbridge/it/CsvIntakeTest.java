package io.tapbridge.it;

import static io.tapbridge.it.OrderCsv.rtxLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tapbridge.sandbox.SandboxOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** CSV dialects the ERP may write, and files that cannot be read at all. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvIntakeTest {

    BridgeHarness bridge;

    Path dir;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        bridge = BridgeHarness.start(dir);
    }

    @Test
    void theLedgerAndTheArchiveAreForTheBridgesUserOnly() throws Exception {
        // they hold passcodes and device keys at rest (data.directory-permissions)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bridge.erp("archive")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("db")))).isEqualTo("rwx------");
    }

    @AfterAll
    void stop() {
        bridge.close();
    }

    private static byte[] withBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void bomSemicolonsQuotedLineBreaksInterleavedPosAndUmlauts() {
        Map<String, String> a1 = rtxLine("PO-Ä", 1, "UM-1");
        a1.put("customerOrderRef", "Schreinerei Müller; Tür \"Süd\"\nLieferung 2");
        Map<String, String> b1 = rtxLine("PO-B", 1, "UM-2");
        Map<String, String> a2 = rtxLine("PO-Ä", 2, "UM-3");
        a2.put("customerOrderRef", a1.get("customerOrderRef"));
        String csv = OrderCsv.create().delimiter(';').add(a1).add(b1).add(a2).toString()
                .replace("customerPONumber", "CUSTOMERPONUMBER"); // header names are case-insensitive

        bridge.dropOrders("dialect.csv", withBom(csv));

        List<Map<String, String>> ack = bridge.awaitAck("dialect.csv");
        assertThat(ack).extracting(r -> r.get("result")).containsOnly("ACCEPTED");
        // rows 1 and 3 are one PO although row 2 stands between them; the quoted line break shifts the line numbers
        assertThat(ack).extracting(r -> r.get("row") + "@" + r.get("line")).containsExactly("1@2", "2@4", "3@5");
        bridge.awaitStatus("dialect.csv", BridgeHarness.allIn("SUCCESS"));
        Map<String, SandboxOrder> orders = bridge.sandbox().orders().stream()
                .collect(Collectors.toMap(SandboxOrder::poNumber, o -> o, (x, y) -> x));
        assertThat(orders.get("PO-Ä").serialNumbers()).containsExactly("UM-1", "UM-3");
        assertThat(orders.get("PO-Ä").customerOrderRef()).isEqualTo("Schreinerei Müller; Tür \"Süd\"\nLieferung 2");
        assertThat(orders.get("PO-B").serialNumbers()).containsExactly("UM-2");
    }

    @Test
    void anUnknownColumnSendsTheFileToErrorNamingTheAllowedColumns() throws Exception {
        Map<String, String> line = rtxLine("PO-X", 1, "UC-1");
        line.put("serialNo", "typo");
        bridge.dropOrders("typo.csv", OrderCsv.create().add(line).toString());

        Path reason = bridge.erp("error").resolve("typo.csv.error.txt");
        await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(reason) && Files.exists(bridge.erp("error").resolve("typo.csv")));
        assertThat(Files.readString(reason)).contains("typo.csv", "line 1, column 16", "unknown column 'serialNo'",
                "allowed columns: customerPONumber", "serialNumber");
        assertThat(bridge.sandbox().orders()).noneMatch(o -> o.poNumber().equals("PO-X"));
        assertThat(bridge.erp("inbox/orders").resolve("typo.csv")).doesNotExist();
    }

    @Test
    void aFileThatIsNotUtf8OrHasAnOpenQuoteIsRefusedWithTheReason() throws Exception {
        byte[] latin1 = OrderCsv.create().add(rtxLine("PO-Ü", 1, "L1-1")).toString().getBytes(StandardCharsets.ISO_8859_1);
        bridge.dropOrders("latin1.csv", latin1);
        String open = OrderCsv.create().add(rtxLine("PO-Q", 1, "OQ-1")).toString() + "\"PO-Q,unterminated\r\n";
        bridge.dropOrders("open-quote.csv", open);

        Path latinReason = bridge.erp("error").resolve("latin1.csv.error.txt");
        Path quoteReason = bridge.erp("error").resolve("open-quote.csv.error.txt");
        await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(latinReason) && Files.exists(quoteReason));
        assertThat(Files.readString(latinReason)).contains("not UTF-8");
        assertThat(Files.readString(quoteReason)).contains("line ", "cannot be parsed");
        assertThat(bridge.ledger().withHandle(h -> h.createQuery("select count(*) from erp_file where name in ('latin1.csv', 'open-quote.csv')")
                .mapTo(Integer.class).one()).intValue()).isZero();
    }

    @Test
    void theSameFileDroppedTwiceIsStagedOnce() {
        String csv = OrderCsv.create().po("PO-TWICE", 3, "TW").toString();
        bridge.dropOrders("twice.csv", csv);
        bridge.awaitStatus("twice.csv", BridgeHarness.allIn("SUCCESS"));
        bridge.dropOrders("twice.csv", csv);

        await().atMost(BridgeHarness.PATIENCE).until(() -> {
            try (var files = Files.list(bridge.erp("archive"))) {
                return files.filter(f -> f.getFileName().toString().startsWith("twice.")).count() == 2;
            }
        });
        assertThat(bridge.ledger().withHandle(h -> h.createQuery("select count(*) from erp_file where name = 'twice.csv'")
                .mapTo(Integer.class).one()).intValue()).isEqualTo(1);
        assertThat(bridge.sandbox().orders().stream().filter(o -> o.poNumber().equals("PO-TWICE"))).hasSize(1);
    }

    @Test
    void aReExportOfAnOrderedPoUnderAnotherNameDoesNotBuyTwice() {
        bridge.dropOrders("export-1.csv", OrderCsv.create().po("PO-RE", 2, "RE").toString());
        bridge.awaitStatus("export-1.csv", BridgeHarness.allIn("SUCCESS"));
        OrderCsv again = OrderCsv.create().po("PO-RE", 2, "RE").add(rtxLine("PO-RE", 3, "RE-003"));
        bridge.dropOrders("export-2.csv", again.toString());

        List<Map<String, String>> ack = bridge.awaitAck("export-2.csv");
        assertThat(ack).filteredOn(r -> r.get("result").equals("REJECTED")).extracting(r -> r.get("serialNumber"))
                .containsExactly("RE-001", "RE-002");
        assertThat(ack.get(0).get("message")).contains("already ordered", "export-1.csv");
        bridge.awaitStatus("export-2.csv", rows -> rows.stream().anyMatch(r -> r.get("status").equals("SUCCESS")));
        List<String> serials = bridge.sandbox().orders().stream().filter(o -> o.poNumber().equals("PO-RE"))
                .flatMap(o -> o.serialNumbers().stream()).toList();
        assertThat(serials).containsExactlyInAnyOrder("RE-001", "RE-002", "RE-003");
    }
}
