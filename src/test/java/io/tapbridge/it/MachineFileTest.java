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
            // the file itself is moved once the consumer completes the failed exchange, a moment after the reason is written
            await().atMost(BridgeHarness.PATIENCE).untilAsserted(() -> assertThat(bridge.erp("error").resolve("typo.csv")).exists());
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
            Map<String, String> noVat = MachineCsv.machine("SN-7");
            MachineCsv.newCustomer(noVat, "K-3");
            noVat.remove("companyVat");
            // an existing customer: the new-customer columns are never sent, so a malformed one is no reason to refuse
            Map<String, String> existing = MachineCsv.machine("SN-8");
            MachineCsv.newCustomer(existing, MachineCsv.EXISTING_CUSTOMER);
            existing.put("telVoice", "+49 7441 12345");
            Map<String, String> culture = MachineCsv.machine("SN-9");
            MachineCsv.newCustomer(culture, "K-4");
            culture.put("localeId", "zh-hans-cn");
            Map<String, String> spaced = MachineCsv.machine("SN 10");
            bridge.dropMachines("rules.csv", MachineCsv.create().row(MachineCsv.machine("SN-1")).row(noName).row(badZone)
                    .row(badPhone).row(oddSubType).row(badAction).row(noVat).row(existing).row(culture).row(spaced).toString());

            List<Map<String, String>> status = bridge.awaitStatus("rules.csv", allIn("DONE", "REJECTED", "FAILED"));
            assertThat(status).extracting(r -> r.get("status"))
                    .containsExactly("DONE", "REJECTED", "FAILED", "FAILED", "DONE", "REJECTED", "FAILED", "DONE", "DONE", "REJECTED");
            assertThat(status.get(1).get("message")).contains("displayName: required for action register");
            // a new customer's values are checked once tapio says it is new, before anything is written for the row
            assertThat(status.get(2).get("message")).contains("customer K-1 is not in tapio",
                    "timeZone: 'w. europe standard time' is not a Windows time-zone name", "did you mean 'W. Europe Standard Time'",
                    "nothing was written");
            assertThat(status.get(3).get("message")).contains("telVoice", "must start with 00");
            assertThat(status.get(4).get("message")).contains("deviceSubType: 'Planer' is not one tapio recommends");
            assertThat(status.get(5).get("message")).contains("action: 'scrap' is not one of register, unassign, offboard, delete");
            assertThat(status.get(6).get("message")).contains("creating the customer needs companyVat");
            assertThat(status.get(9).get("message")).contains("serialNumber: 'SN 10' cannot be a tmidPostfix", "give tmidPostfix");
            assertThat(status).extracting(r -> r.get("row")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            assertThat(bridge.tapio().machines()).extracting(m -> m.serialNumber()).containsExactlyInAnyOrder("SN-1", "SN-5", "SN-8", "SN-9");
            assertThat(bridge.tapio().calls("POST", "/manufacturer/customerSubscriptions")).as("only K-4 created").isEqualTo(1);
        }
    }
}
