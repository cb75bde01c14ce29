package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.allIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machines CSV as a contract: bad files and bad rows get errors that name file, row, field and rule. */
class MachineFileTest {

    @Test
    void anUnknownColumnSendsTheFileToErrorNamingTheAllowedColumns(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropMachines("typo.csv", "serialNumber;displayName;custmerNumber\r\nSN-1;Saw 1;4711\r\n");

            Path reason = bridge.erp("error").resolve("typo.csv.error.txt");
            await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(reason));
            assertThat(Files.readString(reason)).contains("typo.csv", "custmerNumber", "customerNumber", "applicationIds");
            assertThat(bridge.erp("error").resolve("typo.csv")).exists();
            assertThat(bridge.tapio().calls()).isEmpty();
        }
    }

    @Test
    void aFileWithoutTheSerialNumberColumnIsRefused(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropMachines("no-serial.csv", "displayName,customerNumber\r\nSaw 1,4711\r\n");

            Path reason = bridge.erp("error").resolve("no-serial.csv.error.txt");
            await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(reason));
            assertThat(Files.readString(reason)).contains("serialNumber");
        }
    }

    @Test
    void badRowsAreRejectedWithTheirReasonAndTheGoodOnesGoOn(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            Map<String, String> noName = MachineCsv.machine("SN-2");
            noName.remove("displayName");
            Map<String, String> badZone = MachineCsv.machine("SN-3");
            MachineCsv.newCustomer(badZone, "K-1");
            badZone.put("timeZone", "w. europe standard time");
            Map<String, String> badPhone = MachineCsv.machine("SN-4");
            MachineCsv.newCustomer(badPhone, "K-2");
            badPhone.put("telVoice", "+49 7441 12345");
            Map<String, String> oddSubType = MachineCsv.machine("SN-5");
            oddSubType.put("deviceSubType", "Planer");
            Map<String, String> badAction = MachineCsv.machine("SN-6");
            badAction.put("action", "scrap");
            bridge.dropMachines("rules.csv", MachineCsv.create().row(MachineCsv.machine("SN-1")).row(noName).row(badZone)
                    .row(badPhone).row(oddSubType).row(badAction).toString());

            List<Map<String, String>> status = bridge.awaitStatus("rules.csv", allIn("DONE", "REJECTED"));
            assertThat(status).extracting(r -> r.get("status")).containsExactly("DONE", "REJECTED", "REJECTED", "REJECTED", "DONE", "REJECTED");
            assertThat(status.get(1).get("message")).contains("displayName: required for action register");
            assertThat(status.get(2).get("message")).contains("timeZone: 'w. europe standard time' is not a Windows time-zone name",
                    "did you mean 'W. Europe Standard Time'");
            assertThat(status.get(3).get("message")).contains("telVoice", "must start with 00");
            assertThat(status.get(4).get("message")).contains("deviceSubType: 'Planer' is not one tapio recommends");
            assertThat(status.get(5).get("message")).contains("action: 'scrap' is not one of register, unassign, offboard, delete");
            assertThat(status).extracting(r -> r.get("row")).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(bridge.tapio().machines()).extracting(m -> m.serialNumber()).containsExactlyInAnyOrder("SN-1", "SN-5");
        }
    }
}
