package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.allIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the ERP gets wrong never cost a good line and never stay in the inbox: each ends in error/ with a reason
 * that names file, line and rule, cut to a readable length, while good files beside them go on.
 */
class BadInputTest {

    @TempDir
    Path dir;
    BridgeHarness bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private Path error(String name) {
        return bridge.erp("error").resolve(name);
    }

    private String errorText(String name) throws IOException {
        Path reason = error(name + ".error.txt");
        await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(reason));
        return Files.readString(reason);
    }

    @Test
    void emptyFilesGoToErrorWithAReasonAndDoNotHoldUpTheInbox() throws IOException {
        bridge = BridgeHarness.start(dir);

        bridge.dropOrders("empty.csv", "");
        bridge.dropMachines("empty-machines.csv", "");
        bridge.dropMetadata("tdmtest1/global/empty.json", "");
        bridge.dropMetadata("tdmtest1/global/two.json", "{\"a\": 1} {\"b\": 2}");
        bridge.dropOrders("good.csv", OrderCsv.create().po("PO-GOOD", 2, "GD").toString());

        assertThat(errorText("empty.csv")).contains("empty.csv", "no header row");
        assertThat(errorText("empty-machines.csv")).contains("no header row");
        assertThat(Files.readString(awaitFile(bridge.erp("error/metadata/tdmtest1/global/empty.json.error.txt")))).contains("empty");
        assertThat(Files.readString(awaitFile(bridge.erp("error/metadata/tdmtest1/global/two.json.error.txt"))))
                .contains("more than one JSON value");
        assertThat(bridge.tapio().calls("POST", ".*/metadata/.*")).as("nothing half sent").isZero();
        bridge.awaitStatus("good.csv", allIn("SUCCESS"));
        assertThat(bridge.erp("inbox/orders").toFile().list()).isEmpty();
    }

    @Test
    void namesTheBridgeCannotCarryGoToErrorAndTheGoodFileGoesOn() throws IOException {
        bridge = BridgeHarness.start(dir);
        String longName = "L".repeat(246) + ".csv"; // 250 bytes: ".<id>.status.csv" would pass 255
        String csv = OrderCsv.create().po("PO-NAME", 1, "NM").toString();

        bridge.dropOrders(longName, csv);
        bridge.dropOrders("line\nbreak.csv", csv);
        bridge.dropOrders("back\\slash.csv", csv);
        bridge.dropMetadata("tdmtest1/global/deeper/key.json", "{\"a\":1}");
        bridge.dropOrders("good.csv", OrderCsv.create().po("PO-GOOD", 1, "GN").toString());

        bridge.awaitStatus("good.csv", allIn("SUCCESS"));
        // the long name goes the usual way; the two the file consumer cannot open are parked under clean names
        await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(error(longName)) && errorNamesStartingWith("line_break.csv~") == 2
                && errorNamesStartingWith("back_slash.csv~") == 2);
        try (Stream<Path> reasons = Files.list(bridge.erp("error"))) {
            List<String> texts = reasons.filter(p -> p.getFileName().toString().endsWith(".error.txt")).map(BadInputTest::read).toList();
            assertThat(texts).anyMatch(t -> t.contains("the file name has 250 bytes"))
                    .anyMatch(t -> t.contains("control character")).anyMatch(t -> t.contains("backslash"));
        }
        assertThat(Files.readString(awaitFile(bridge.erp("error/metadata/tdmtest1/global/deeper/key.json.error.txt"))))
                .contains("metadata files go to");
        assertThat(bridge.erp("inbox/orders").toFile().list()).isEmpty();
        assertThat(bridge.sandbox().orders()).extracting(o -> o.poNumber()).containsExactly("PO-GOOD");
    }

    @Test
    void aLaterFileOfTheSameNameKeepsTheEarlierFilesResults() {
        bridge = BridgeHarness.start(dir);
        bridge.dropOrders("daily.csv", OrderCsv.create().po("PO-DAY1", 2, "D1").toString());
        bridge.awaitStatus("daily.csv", allIn("SUCCESS"));
        long first = bridge.ledger().withHandle(h -> h.createQuery("select id from erp_file where name = 'daily.csv'").mapTo(Long.class).one());

        bridge.dropOrders("daily.csv", OrderCsv.create().po("PO-DAY2", 3, "D2").toString());

        List<Map<String, String>> second = bridge.awaitStatus("daily.csv", rows -> rows.size() == 3 && allIn("SUCCESS").test(rows));
        assertThat(second).extracting(r -> r.get("customerPONumber")).containsOnly("PO-DAY2");
        List<Map<String, String>> kept = bridge.readCsv(bridge.outbox("daily.csv." + first + ".status.csv"));
        assertThat(kept).hasSize(2).extracting(r -> r.get("customerPONumber")).containsOnly("PO-DAY1");
        assertThat(kept).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("SUCCESS"));
        assertThat(bridge.readCsv(bridge.outbox("daily.csv." + first + ".ack.csv"))).hasSize(2);
    }

    @Test
    void aHugeHeaderAndBytesThatAreNotUtf8AreReportedBrieflyWithTheirLine() throws IOException {
        bridge = BridgeHarness.start(dir);
        String hugeColumn = "x".repeat(10 * 1024 * 1024);
        bridge.dropOrders("huge-header.csv", "customerPONumber," + hugeColumn + "\r\nPO-1,1\r\n");
        StringBuilder lines = new StringBuilder(OrderCsv.create().po("PO-ENC", 6, "EN").toString());
        byte[] good = lines.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[good.length + 2];
        int fifthLineStart = nthLineStart(good, 5);
        System.arraycopy(good, 0, bad, 0, fifthLineStart);
        bad[fifthLineStart] = (byte) 0xC3; // "Ã" in Latin-1, not a whole UTF-8 sequence here
        bad[fifthLineStart + 1] = (byte) 0x28;
        System.arraycopy(good, fifthLineStart, bad, fifthLineStart + 2, good.length - fifthLineStart);
        bridge.dropOrders("latin1.csv", bad);

        String header = errorText("huge-header.csv");
        assertThat(header).contains("line 1, column 2: unknown column", "(10485760 characters)").hasSizeLessThan(2000);
        assertThat(errorText("latin1.csv")).contains("line 5", "not UTF-8");
    }

    private long errorNamesStartingWith(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(bridge.erp("error"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).count(); // the file and its .error.txt
        }
    }

    private static int nthLineStart(byte[] bytes, int line) {
        int seen = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (seen == line) {
                return i;
            }
            if (bytes[i] == '\n') {
                seen++;
            }
        }
        throw new IllegalArgumentException("fewer than " + line + " lines");
    }

    private static Path awaitFile(Path file) {
        await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(file));
        return file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
