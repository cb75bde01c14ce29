package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.allIn;
import static io.tapbridge.it.MachineCsv.MACHINE_BOARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.sandbox.tapio.TapioSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metadata files into tapio, bad ones to error/, and the scheduled report of every machine's keys, paged. */
class MachineMetadataTest {

    @Test
    void metadataFilesAreStoredPerMachineAndApplicationAndReportedPageByPage(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, Map.of("tapio.metadata.page-size", "2"))) {
            bridge.dropMachines("sold.csv", MachineCsv.create().sold("SN-M1", MACHINE_BOARD).toString());
            bridge.awaitStatus("sold.csv", allIn("DONE"));
            TapioSandbox tapio = bridge.tapio();

            bridge.dropMetadata("tdmSN-M1/global/displaytemplate.json", "{\"layout\":\"edge\",\"panels\":[1,2,3]}");
            bridge.dropMetadata("tdmSN-M1/global/maintenance.json", "{\"intervalHours\":500}");
            bridge.dropMetadata("tdmSN-M1/global/operator.json", "\"Schicht A\"");
            bridge.dropMetadata("tdmSN-M1/" + MACHINE_BOARD + "/tiles.json", "[\"speed\",\"glue\"]");

            await().atMost(BridgeHarness.PATIENCE).until(() -> tapio.metadata("tdmSN-M1").size() == 4);
            ObjectMapper json = new ObjectMapper();
            assertThat(tapio.metadata("tdmSN-M1").get("global/displaytemplate")).isEqualTo(json.readTree("{\"layout\":\"edge\",\"panels\":[1,2,3]}"));
            assertThat(tapio.metadata("tdmSN-M1").get(MACHINE_BOARD + "/tiles")).isEqualTo(json.readTree("[\"speed\",\"glue\"]"));
            await().atMost(BridgeHarness.PATIENCE).until(() -> !Files.exists(bridge.erp("inbox/metadata/tdmSN-M1/global/operator.json")));
            assertThat(bridge.erp("archive/metadata/tdmSN-M1/global")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("operator.json."));

            Path report = bridge.outbox("reports/metadata-keys.csv");
            await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(report) && bridge.readCsv(report).size() == 4);
            List<Map<String, String>> keys = bridge.readCsv(report);
            assertThat(keys).extracting(k -> k.get("tmid") + " " + k.get("scope") + " " + k.get("key")).containsExactlyInAnyOrder(
                    "tdmSN-M1 global displaytemplate", "tdmSN-M1 global maintenance", "tdmSN-M1 global operator",
                    "tdmSN-M1 " + MACHINE_BOARD + " tiles");
            assertThat(tapio.calls()).as("three global keys in pages of two").anySatisfy(c -> {
                assertThat(c.path()).endsWith("/metadata/global/keys");
                assertThat(c.query()).contains("limit=2", "offset=2");
            });
        }
    }

    @Test
    void aMetadataFileWaitsWhileTapioIsUnavailable(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropMachines("one.csv", MachineCsv.create().row(MachineCsv.machine("SN-M2")).toString());
            bridge.awaitStatus("one.csv", allIn("DONE"));
            TapioSandbox tapio = bridge.tapio();
            tapio.faults().failNext("POST", ".*/metadata/.*", 2, 503);

            bridge.dropMetadata("tdmSN-M2/global/shift.json", "{\"shift\":2}");

            await().atMost(BridgeHarness.PATIENCE).until(() -> tapio.metadata("tdmSN-M2").containsKey("global/shift"));
            assertThat(tapio.calls("POST", ".*/metadata/global/keys/shift")).as("two refusals, then stored").isEqualTo(3);
            assertThat(bridge.erp("error/metadata")).doesNotExist();
        }
    }

    @Test
    void aBadMetadataFileGoesToErrorWithItsReason(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropMetadata("tdmSN-X/global/broken.json", "{\"layout\": edge}");
            bridge.dropMetadata("tdmSN-X/somewhere/misplaced.json", "{}");
            bridge.dropMetadata("tdmUNKNOWN/global/orphan.json", "{}");

            Path errors = bridge.erp("error/metadata");
            await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(errors.resolve("tdmUNKNOWN/global/orphan.json.error.txt"))
                    && Files.exists(errors.resolve("tdmSN-X/global/broken.json.error.txt"))
                    && Files.exists(errors.resolve("tdmSN-X/somewhere/misplaced.json.error.txt")));
            assertThat(Files.readString(errors.resolve("tdmSN-X/global/broken.json.error.txt"))).contains("is not JSON", "line 1, column");
            assertThat(Files.readString(errors.resolve("tdmSN-X/somewhere/misplaced.json.error.txt")))
                    .contains("inbox/metadata/<tmid>/global/<key>.json");
            assertThat(Files.readString(errors.resolve("tdmUNKNOWN/global/orphan.json.error.txt"))).contains("tapio refused", "HTTP 404");
            // the file itself is moved once the consumer completes the failed exchange, a moment after the reason is written
            await().atMost(BridgeHarness.PATIENCE).untilAsserted(() -> assertThat(errors.resolve("tdmSN-X/global/broken.json")).exists());
        }
    }
}
