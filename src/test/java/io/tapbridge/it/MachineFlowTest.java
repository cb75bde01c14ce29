package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.allIn;
import static io.tapbridge.it.MachineCsv.EXISTING_CUSTOMER;
import static io.tapbridge.it.MachineCsv.MACHINE_BOARD;
import static io.tapbridge.it.MachineCsv.MATERIAL_ASSIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tapbridge.sandbox.tapio.SandboxAssignment;
import io.tapbridge.sandbox.tapio.TapioSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines files through the real routes and real HTTP to the tapio sandbox: every action, idempotent re-runs,
 * new and existing customers, refusals that fail one row only, the two clients, expiring tokens, a stop between
 * two steps, and the CloudConnector configuration's one-hour window. Assertions read the sandbox's state.
 */
class MachineFlowTest {

    private static final String CUSTOMER_4711 = "b11fb489-6814-43b4-9803-b152812f441d";

    @Test
    void anExistingMachineUnderAWrongManufacturerIdNamesTheKeyToFix(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropMachines("first.csv", MachineCsv.create().row(MachineCsv.machine("SN-7401")).toString());
            bridge.awaitStatus("first.csv", allIn("DONE"));

            bridge.restartBridge(Map.of("tapio.manufacturer-id", "acme"));
            bridge.dropMachines("again.csv", MachineCsv.create().row(MachineCsv.machine("SN-7401")).toString());

            Map<String, String> row = bridge.awaitStatus("again.csv", allIn("FAILED")).get(0);
            assertThat(row.get("message")).contains("has no machine acmeSN-7401", "tapio.manufacturer-id (acme)");
        }
    }

    @Test
    void aLicenceThatExistsWithOtherDataIsReportedNotSilentlyDone(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            bridge.dropMachines("first.csv", MachineCsv.create().sold("SN-7301", MACHINE_BOARD).toString());
            bridge.awaitStatus("first.csv", allIn("DONE"));

            Map<String, String> longer = MachineCsv.machine("SN-7301");
            longer.put("customerNumber", EXISTING_CUSTOMER);
            longer.put("machineName", "Line 1 SN-7301");
            MachineCsv.licences(longer, MACHINE_BOARD);
            longer.put("licenseValidTo", "2032-06-30");
            longer.put("machineCount", "2");
            bridge.dropMachines("extended.csv", MachineCsv.create().row(longer).toString());

            Map<String, String> row = bridge.awaitStatus("extended.csv", allIn("DONE")).get(0);
            assertThat(row.get("message")).contains("exists with other data", "validTo '2030-12-31' (the row asks '2032-06-30')",
                    "machineCount '1' (the row asks '2')", "the existing licence is in force");
            assertThat(bridge.tapio().licenses()).hasSize(1);
        }
    }

    @Test
    void registerOnboardsLicensesAndAssignsAMachineForAnExistingCustomer(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            Map<String, String> row = MachineCsv.machine("SN-1001");
            row.put("customerNumber", EXISTING_CUSTOMER);
            row.put("machineName", "Kantenanleimer Halle 2");
            row.put("notifyCustomer", "Y");
            row.put("cloudConnector", "Y");
            MachineCsv.licences(row, MACHINE_BOARD, MATERIAL_ASSIST);
            bridge.dropMachines("sold.csv", MachineCsv.create().row(row).toString());

            List<Map<String, String>> status = bridge.awaitStatus("sold.csv", allIn("DONE"));
            TapioSandbox tapio = bridge.tapio();
            String tmid = "tdmSN-1001";
            assertThat(status.get(0)).containsEntry("tmid", tmid).containsEntry("customerSubscriptionId", CUSTOMER_4711)
                    .containsEntry("licensed " + MACHINE_BOARD, "Y").containsEntry("assigned " + MACHINE_BOARD, "Y")
                    .containsEntry("licensed " + MATERIAL_ASSIST, "Y").containsEntry("assigned " + MATERIAL_ASSIST, "Y");
            assertThat(tapio.machine(tmid)).get().satisfies(m -> {
                assertThat(m.displayName()).isEqualTo("Edgebander SN-1001");
                assertThat(m.onboardedIn()).isEqualTo(CUSTOMER_4711);
            });
            assertThat(tapio.licenses()).extracting(l -> l.applicationId() + "/" + l.tmid())
                    .containsExactlyInAnyOrder(MACHINE_BOARD + "/" + tmid, MATERIAL_ASSIST + "/" + tmid);
            assertThat(tapio.assignments()).containsExactlyInAnyOrder(new SandboxAssignment(tmid, MACHINE_BOARD, CUSTOMER_4711),
                    new SandboxAssignment(tmid, MATERIAL_ASSIST, CUSTOMER_4711));
            assertThat(tapio.termsAccepted()).extracting(t -> t.applicationId() + "/" + t.contractNumber())
                    .contains(MACHINE_BOARD + "/C-SN-1001", MATERIAL_ASSIST + "/C-SN-1001");
            // the licence is the developer's business, the assignment the manufacturer's
            assertThat(tapio.calls()).filteredOn(c -> c.path().endsWith("/license") && c.method().equals("POST"))
                    .allSatisfy(c -> assertThat(c.role()).isEqualTo("developer"));
            assertThat(tapio.calls()).filteredOn(c -> c.path().endsWith("/applicationassignment"))
                    .allSatisfy(c -> assertThat(c.role()).isEqualTo("manufacturer"));
            // the mail, in the customer's locale (de-DE)
            assertThat(tapio.mails()).singleElement().satisfies(mail -> {
                assertThat(mail.subscriptionId()).isEqualTo(CUSTOMER_4711);
                assertThat(mail.subject()).contains("Kantenanleimer Halle 2");
                assertThat(mail.content()).contains("Seriennummer SN-1001");
            });
            // the connector, and its configuration stored for the owner only
            assertThat(tapio.connectors()).singleElement().satisfies(c -> assertThat(c.tmids()).containsExactly(tmid));
            Path configuration = bridge.outbox("connectors/" + tmid + ".xml");
            assertThat(Files.readString(configuration)).contains(tapio.connectors().get(0).ccid());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configuration))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bridge.outbox("sold.csv.status.csv"))))
                    .as("results are for the ERP's group too (erp.outbox.file-permissions)").isEqualTo("rw-r-----");
        }
    }

    @Test
    void aNewCustomerIsCreatedOnceAndASecondRunOfTheSameRowsChangesNothing(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            MachineCsv csv = MachineCsv.create();
            for (String serial : List.of("SN-2001", "SN-2002")) {
                Map<String, String> row = MachineCsv.machine(serial);
                MachineCsv.newCustomer(row, "K-9001");
                MachineCsv.licences(row, MACHINE_BOARD);
                csv.row(row);
            }
            bridge.dropMachines("new-customer.csv", csv.toString());
            bridge.awaitStatus("new-customer.csv", allIn("DONE"));
            TapioSandbox tapio = bridge.tapio();
            assertThat(tapio.customers()).filteredOn(c -> "K-9001".equals(c.customerNumber())).singleElement()
                    .satisfies(c -> assertThat(c.companyName()).isEqualTo("Schreinerei Holzmann GmbH"));
            String subscription = tapio.customers().stream().filter(c -> "K-9001".equals(c.customerNumber())).findFirst().orElseThrow().subscriptionId();
            assertThat(tapio.assignments()).containsExactlyInAnyOrder(new SandboxAssignment("tdmSN-2001", MACHINE_BOARD, subscription),
                    new SandboxAssignment("tdmSN-2002", MACHINE_BOARD, subscription));

            // the same rows again, in a file of another name: every step finds its work done
            int before = tapio.calls().size();
            int customers = tapio.customers().size();
            int licences = tapio.licenses().size();
            bridge.dropMachines("new-customer-again.csv", csv.toString());
            bridge.awaitStatus("new-customer-again.csv", allIn("DONE"));
            assertThat(tapio.calls().subList(before, tapio.calls().size())).as("nothing created, nothing changed the second time")
                    .allSatisfy(c -> assertThat(c.status()).isIn(200, 404, 409))
                    .noneMatch(c -> c.method().equals("PATCH") || c.method().equals("DELETE") || c.path().endsWith("/renaming"));
            assertThat(tapio.customers()).hasSize(customers);
            assertThat(tapio.licenses()).hasSize(licences);
            assertThat(tapio.machines()).hasSize(2);
        }
    }

    @Test
    void unassignOffboardAndDeleteTakeMachinesBackOut(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            Map<String, String> spare = MachineCsv.machine("SN-3003"); // registered only: never onboarded
            bridge.dropMachines("sold.csv", MachineCsv.create().sold("SN-3001", MACHINE_BOARD, MATERIAL_ASSIST)
                    .sold("SN-3002", MACHINE_BOARD).row(spare).toString());
            bridge.awaitStatus("sold.csv", allIn("DONE"));
            TapioSandbox tapio = bridge.tapio();
            assertThat(tapio.assignments()).hasSize(3);

            bridge.dropMachines("returns.csv", MachineCsv.create()
                    .row(Map.of("action", "unassign", "serialNumber", "SN-3001", "customerNumber", EXISTING_CUSTOMER, "applicationIds", MATERIAL_ASSIST))
                    .row(Map.of("action", "offboard", "serialNumber", "SN-3002"))
                    .row(Map.of("action", "delete", "serialNumber", "SN-3003"))
                    .row(Map.of("action", "delete", "serialNumber", "SN-3001")).toString());
            List<Map<String, String>> status = bridge.awaitStatus("returns.csv", allIn("DONE", "FAILED"));

            assertThat(status).extracting(r -> r.get("status")).containsExactly("DONE", "DONE", "DONE", "FAILED");
            assertThat(tapio.assignments()).containsExactly(new SandboxAssignment("tdmSN-3001", MACHINE_BOARD, CUSTOMER_4711));
            assertThat(tapio.machine("tdmSN-3002")).get().satisfies(m -> assertThat(m.onboardedIn()).isNull());
            assertThat(tapio.machine("tdmSN-3003")).isEmpty();
            assertThat(tapio.machine("tdmSN-3001")).as("onboarded machines are not deleted").isPresent();
            assertThat(status.get(3).get("message")).contains("never onboarded", "offboard");
            assertThat(status.get(1)).containsEntry("step", "OFFBOARD").containsEntry("assigned " + MACHINE_BOARD, "N");
        }
    }

    @Test
    void refusalsFailTheirRowWhileTheOtherRowsSucceed(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            Map<String, String> expired = MachineCsv.machine("SN-4002");
            // another customer: tapio lets any free licence of the subscription serve any of its machines
            expired.put("customerNumber", "C-1002");
            MachineCsv.licences(expired, MACHINE_BOARD);
            expired.put("licenseValidFrom", "2020-01-01");
            expired.put("licenseValidTo", "2020-12-31"); // no free licence today
            bridge.dropMachines("mixed.csv", MachineCsv.create().sold("SN-4001", MACHINE_BOARD).row(expired)
                    .sold("SN-4003", MACHINE_BOARD).sold("BLOCKED-4004", MACHINE_BOARD)
                    .sold("SN-4005", MachineCsv.SERVICE_BOARD_LIMITED, MATERIAL_ASSIST).toString());

            List<Map<String, String>> status = bridge.awaitStatus("mixed.csv", allIn("DONE", "FAILED"));
            assertThat(status).extracting(r -> r.get("status")).containsExactly("DONE", "FAILED", "DONE", "FAILED", "FAILED");
            // tapio blocks the machine: onboarding is refused (409) and nothing after it is tried
            assertThat(status.get(3)).containsEntry("step", "ONBOARD");
            assertThat(status.get(3).get("message")).contains("HTTP 409");
            // an application that takes only limited machines is refused for a connected one; the other application goes on
            assertThat(status.get(4).get("message")).contains("cannot take connected machines", "LimitedMachineAssignable");
            assertThat(status.get(4)).containsEntry("assigned " + MATERIAL_ASSIST, "Y").containsEntry("licensed " + MachineCsv.SERVICE_BOARD_LIMITED, "");
            assertThat(status.get(1).get("step")).isEqualTo("ASSIGN/" + MACHINE_BOARD);
            assertThat(status.get(1).get("message")).contains("HTTP 404", "no free licen");
            assertThat(status.get(1)).containsEntry("licensed " + MACHINE_BOARD, "Y").containsEntry("assigned " + MACHINE_BOARD, "");
            assertThat(bridge.tapio().assignments()).extracting(SandboxAssignment::tmid)
                    .containsExactlyInAnyOrder("tdmSN-4001", "tdmSN-4003", "tdmSN-4005");
            assertThat(bridge.tapio().machine("tdmSN-4002")).get().satisfies(m -> assertThat(m.onboardedIn()).isNotNull());
        }
    }

    @Test
    void aLicenceAskedForWithTheManufacturersClientIsRefusedAndReported(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            // misconfigured: the developer client's credentials are the manufacturer's
            bridge.restartBridge(Map.of("tapio.developer.client-id", bridge.tapio().settings().manufacturerClientId(),
                    "tapio.developer.client-secret", bridge.tapio().settings().manufacturerClientSecret()));
            bridge.dropMachines("wrong-client.csv", MachineCsv.create().sold("SN-5001", MACHINE_BOARD).toString());

            Map<String, String> row = bridge.awaitStatus("wrong-client.csv", allIn("FAILED")).get(0);
            assertThat(row.get("step")).isEqualTo("LICENSE/" + MACHINE_BOARD);
            assertThat(row.get("message")).contains("developer client", "HTTP 403");
            assertThat(bridge.tapio().licenses()).isEmpty();
            assertThat(bridge.tapio().assignments()).isEmpty();
        }
    }

    @Test
    void aRowWhoseClaimLapsesIsWorkedByOneCopyOnly(@TempDir Path dir) throws Exception {
        // the heartbeat stalls and one call outlasts the lease: the claimer takes the row again while a worker still
        // waits for tapio
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, Map.of("tapio.lease", "1s", "instance.heartbeat-interval", "300ms"))) {
            bridge.camel().getRouteController().stopRoute("bridge-heartbeat");
            TapioSandbox tapio = bridge.tapio();
            tapio.settings().latency(Duration.ofMillis(100));
            tapio.faults().slowNext("POST", "/management/manufacturer/connectors", 1, Duration.ofMillis(2500));
            Map<String, String> row = MachineCsv.machine("SN-9101");
            row.put("customerNumber", EXISTING_CUSTOMER);
            row.put("notifyCustomer", "Y");
            row.put("cloudConnector", "Y");
            MachineCsv.licences(row, MACHINE_BOARD, MATERIAL_ASSIST);
            bridge.dropMachines("slow.csv", MachineCsv.create().row(row).toString());

            bridge.awaitStatus("slow.csv", allIn("DONE"));
            assertThat(tapio.connectors()).as("one connector").hasSize(1);
            assertThat(tapio.mails()).as("one mail").hasSize(1);
            assertThat(tapio.calls("POST", "/management/manufacturer/machines")).as("created once").isEqualTo(1);
            assertThat(tapio.calls("PUT", ".*/applicationassignment")).as("assigned once per application").isEqualTo(2);
        }
    }

    @Test
    void aStoredConnectorConfigurationIsNotFetchedAgainAfterItsHour(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            TapioSandbox tapio = bridge.tapio();
            Map<String, String> row = MachineCsv.machine("SN-9201");
            row.put("cloudConnector", "Y");
            String csv = MachineCsv.create().row(row).toString();
            bridge.dropMachines("cc.csv", csv);
            bridge.awaitStatus("cc.csv", allIn("DONE"));

            tapio.advanceTime(Duration.ofMinutes(61));
            bridge.dropMachines("cc-again.csv", csv);

            assertThat(bridge.awaitStatus("cc-again.csv", allIn("DONE")).get(0).get("message")).contains("stored before");
            assertThat(tapio.connectors()).hasSize(1);
            assertThat(tapio.calls("GET", ".*/configuration")).isEqualTo(1);
        }
    }

    @Test
    void offboardWithoutACustomerNumberUsesTheSubscriptionTheMachineWasOnboardedInto(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            TapioSandbox tapio = bridge.tapio();
            bridge.dropMachines("first.csv", MachineCsv.create().sold("SN-9301", MACHINE_BOARD).toString());
            bridge.awaitStatus("first.csv", allIn("DONE"));
            Map<String, String> elsewhere = MachineCsv.machine("SN-9301");
            elsewhere.put("customerNumber", "C-1002"); // refused: onboarded in 4711's subscription
            bridge.dropMachines("second.csv", MachineCsv.create().row(elsewhere).toString());
            assertThat(bridge.awaitStatus("second.csv", allIn("FAILED")).get(0)).containsEntry("step", "ONBOARD");

            bridge.dropMachines("third.csv", MachineCsv.create().row(Map.of("action", "offboard", "serialNumber", "SN-9301")).toString());

            assertThat(bridge.awaitStatus("third.csv", allIn("DONE")).get(0)).containsEntry("customerSubscriptionId", CUSTOMER_4711);
            assertThat(tapio.machine("tdmSN-9301")).get().satisfies(m -> assertThat(m.onboardedIn()).isNull());
            assertThat(tapio.assignments()).isEmpty();
        }
    }

    @Test
    void theV2TokenEndpointWithAScopeServesBothClients(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            TapioSandbox tapio = bridge.tapio();
            bridge.restartBridge(Map.of("tapio.token-url", tapio.tokenUrlV2(), "tapio.resource", "",
                    "tapio.scope", tapio.settings().resource() + "/.default"));
            bridge.dropMachines("v2.csv", MachineCsv.create().sold("SN-9001", MACHINE_BOARD).toString());

            bridge.awaitStatus("v2.csv", allIn("DONE"));
            assertThat(tapio.calls()).filteredOn(c -> c.path().endsWith("/v2.0/token")).extracting(c -> c.status()).containsOnly(200);
            assertThat(tapio.assignments()).hasSize(1);
        }
    }

    @Test
    void tokensThatExpireMidFileAreRenewedAndNoRowIsLost(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            TapioSandbox tapio = bridge.tapio();
            bridge.dropMachines("first.csv", MachineCsv.create().sold("SN-6001", MACHINE_BOARD).toString());
            bridge.awaitStatus("first.csv", allIn("DONE"));
            int manufacturerTokens = tapio.tokensIssued(tapio.settings().manufacturerClientId());
            int developerTokens = tapio.tokensIssued(tapio.settings().developerClientId());

            tapio.expireTokens();
            bridge.dropMachines("second.csv", MachineCsv.create().sold("SN-6002", MACHINE_BOARD).sold("SN-6003", MATERIAL_ASSIST).toString());

            bridge.awaitStatus("second.csv", allIn("DONE"));
            assertThat(tapio.tokensIssued(tapio.settings().manufacturerClientId())).isEqualTo(manufacturerTokens + 1);
            assertThat(tapio.tokensIssued(tapio.settings().developerClientId())).isEqualTo(developerTokens + 1);
            assertThat(tapio.calls()).filteredOn(c -> c.status() == 401).isNotEmpty();
            assertThat(tapio.assignments()).hasSize(3);
        }
    }

    @Test
    void aStopBetweenTwoStepsResumesWithoutRepeatingTheFinishedOnes(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            TapioSandbox tapio = bridge.tapio();
            tapio.faults().failNext("PUT", ".*/applicationassignment", 1000, 503); // tapio is down for assignments
            bridge.dropMachines("resume.csv", MachineCsv.create().sold("SN-7001", MACHINE_BOARD).toString());
            await().atMost(BridgeHarness.PATIENCE).until(() -> tapio.calls("PUT", ".*/applicationassignment") >= 2);

            bridge.stopBridge();
            tapio.faults().failNext("PUT", ".*/applicationassignment", 0, 503);
            bridge.startBridge();

            Map<String, String> row = bridge.awaitStatus("resume.csv", allIn("DONE")).get(0);
            assertThat(row).containsEntry("assigned " + MACHINE_BOARD, "Y");
            assertThat(tapio.calls("POST", "/management/manufacturer/machines")).as("machine created once").isEqualTo(1);
            assertThat(tapio.calls("PUT", ".*/onboarding")).as("onboarded once").isEqualTo(1);
            assertThat(tapio.calls("POST", ".*/license")).as("licensed once").isEqualTo(1);
            assertThat(tapio.calls("PUT", ".*/termsofuse")).as("terms accepted once").isEqualTo(1);
            assertThat(tapio.assignments()).singleElement().extracting(SandboxAssignment::tmid).isEqualTo("tdmSN-7001");
        }
    }

    @Test
    void aConnectorConfigurationNotFetchedWithinTheHourIsReported(@TempDir Path dir) {
        try (BridgeHarness bridge = BridgeHarness.start(dir)) {
            TapioSandbox tapio = bridge.tapio();
            tapio.faults().failNext("GET", ".*/configuration", 1000, 503);
            Map<String, String> row = MachineCsv.machine("SN-8001");
            row.put("cloudConnector", "Y");
            row.put("cloudConnectorName", "CC Halle 3");
            bridge.dropMachines("late.csv", MachineCsv.create().row(row).toString());
            await().atMost(BridgeHarness.PATIENCE).until(() -> tapio.calls("GET", ".*/configuration") >= 1);

            tapio.advanceTime(Duration.ofMinutes(61));
            tapio.faults().failNext("GET", ".*/configuration", 0, 503);

            Map<String, String> status = bridge.awaitStatus("late.csv", allIn("FAILED")).get(0);
            assertThat(status.get("step")).isEqualTo("CONNECTOR_CONFIGURATION");
            assertThat(status.get("message")).contains("one hour", "HTTP 404");
            assertThat(tapio.connectors()).singleElement().satisfies(c -> assertThat(c.displayName()).isEqualTo("CC Halle 3"));
            assertThat(bridge.outbox("connectors/tdmSN-8001.xml")).doesNotExist();
        }
    }
}
