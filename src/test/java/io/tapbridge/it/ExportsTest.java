package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.management.JMX;
import javax.management.ObjectName;

import io.tapbridge.operations.OperationsMBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled exports of what TAP knows, run at once by a trigger file or by an operator: their content against
 * the TAP sandbox's catalogue, and a failing call that leaves the previous export in place.
 */
class ExportsTest {

    /** Their own schedules far away: only the test runs them. */
    private static final Map<String, String> NOT_SCHEDULED = Map.of("exports.tap-customers.cron", "0 0 0 1 1 ? 2099",
            "exports.tap-models.cron", "0 0 0 1 1 ? 2099", "exports.tap-products.cron", "0 0 0 1 1 ? 2099",
            "exports.tap-products.bill-to-sites", "612001");

    private static OperationsMBean operations() throws Exception {
        return JMX.newMBeanProxy(ManagementFactory.getPlatformMBeanServer(), new ObjectName("io.tapbridge:type=Operations"), OperationsMBean.class);
    }

    private static void trigger(BridgeHarness bridge, String job) throws Exception {
        Path jobs = Files.createDirectories(bridge.erp("inbox/jobs"));
        Files.writeString(jobs.resolve("." + job + ".part"), "");
        Files.move(jobs.resolve("." + job + ".part"), jobs.resolve(job));
    }

    private static List<Map<String, String>> awaitReport(BridgeHarness bridge, String name) {
        Path report = bridge.outbox("reports/" + name + ".csv");
        await().atMost(PATIENCE).until(() -> Files.exists(report));
        return bridge.readCsv(report);
    }

    @Test
    void eachExportShowsWhatTapKnows(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, NOT_SCHEDULED)) {
            assertThat(operations().getJobs()).contains("tap-customers", "tap-models", "tap-products");
            trigger(bridge, "tap-customers");
            trigger(bridge, "tap-models");
            assertThat(operations().runJob("tap-products")).isEqualTo("started tap-products");

            List<Map<String, String>> customers = awaitReport(bridge, "tap-customers");
            assertThat(customers).isNotEmpty().allSatisfy(r -> {
                assertThat(r.get("reseller")).isNotBlank();
                assertThat(r.get("siteUseId")).isNotBlank();
                assertThat(r.get("siteType")).isIn("RESELLER_BILL_TO", "RESELLER_SHIP_TO", "END_CUSTOMER_SHIP_TO");
            });
            assertThat(customers).anySatisfy(r -> {
                assertThat(r.get("siteType")).isEqualTo("RESELLER_BILL_TO");
                assertThat(r.get("siteUseId")).isEqualTo("612001");
            });
            assertThat(customers).anySatisfy(r -> {
                assertThat(r.get("siteType")).isEqualTo("END_CUSTOMER_SHIP_TO");
                assertThat(r.get("endCustomer")).isNotBlank();
            });

            List<Map<String, String>> models = awaitReport(bridge, "tap-models");
            assertThat(models).anySatisfy(r -> {
                assertThat(r.get("manufacturer")).isEqualTo("Trimble");
                assertThat(r.get("model")).isEqualTo("R12");
                assertThat(r.get("manufacturerModel")).isEqualTo("Trimble||R12");
            });

            List<Map<String, String>> products = awaitReport(bridge, "tap-products");
            assertThat(products).as("narrowed to one bill-to site").allSatisfy(r -> assertThat(r.get("billToSiteUseId")).isEqualTo("612001"));
            assertThat(products).anySatisfy(r -> {
                assertThat(r.get("serviceType")).isEqualTo("RTX");
                assertThat(r.get("model")).isEqualTo("Trimble||R12");
                assertThat(r.get("partNumber")).isEqualTo("132001-10");
                assertThat(r.get("currencyCode")).isNotBlank();
                assertThat(r.get("listPrice")).isNotBlank();
            });
            assertThat(products).anySatisfy(r -> {
                assertThat(r.get("serviceType")).isEqualTo("VRS");
                assertThat(r.get("partNumber")).isEqualTo("VRS-US-PNW-12");
            });
            long productCalls = bridge.sandbox().calls().stream().filter(c -> "TAP_GET_PRODUCTS_API".equals(c.procName())).count();
            assertThat(productCalls).as("one per model for RTX, one for VRS").isEqualTo(models.size() + 1);
        }
    }

    @Test
    void aFailingCallKeepsThePreviousExportAndAnUnknownJobIsRefused(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, NOT_SCHEDULED);
                LogCapture log = LogCapture.of("exports-tap-models")) {
            trigger(bridge, "tap-models");
            awaitReport(bridge, "tap-models");
            Path report = bridge.outbox("reports/tap-models.csv");
            byte[] before = Files.readAllBytes(report);

            bridge.sandbox().faults().failNextGets(10, 503);
            operations().runJob("tap-models");
            await().atMost(PATIENCE).until(() -> log.messages().stream().anyMatch(m -> m.startsWith("Export exports-tap-models failed")));
            assertThat(Files.readAllBytes(report)).as("the previous export").isEqualTo(before);

            trigger(bridge, "no-such-job");
            Path reason = bridge.erp("error/no-such-job.error.txt");
            await().atMost(PATIENCE).until(() -> Files.exists(reason));
            assertThat(Files.readString(reason)).contains("no job 'no-such-job'", "tap-customers", "tap-models", "tap-products");
        }
    }

    @Test
    void tapiosLicencesAreExportedThroughEveryPage(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, Map.of("exports.tapio-licenses.cron", "0 0 0 1 1 ? 2099"))) {
            bridge.dropMachines("sold.csv", MachineCsv.create().sold("SN-L1", MachineCsv.MACHINE_BOARD).sold("SN-L2", MachineCsv.MACHINE_BOARD)
                    .sold("SN-L3", MachineCsv.MACHINE_BOARD).toString());
            bridge.awaitStatus("sold.csv", BridgeHarness.allIn("DONE"));
            bridge.tapio().settings().pageSize(1); // a page a licence: three pages, two continuation tokens

            assertThat(operations().runJob("tapio-licenses")).isEqualTo("started tapio-licenses");

            List<Map<String, String>> licences = awaitReport(bridge, "tapio-licenses");
            assertThat(licences).extracting(r -> r.get("tmid")).containsExactlyInAnyOrder("tdmSN-L1", "tdmSN-L2", "tdmSN-L3");
            assertThat(licences).allSatisfy(r -> {
                assertThat(r.get("applicationId")).isEqualTo(MachineCsv.MACHINE_BOARD);
                assertThat(r.get("licenseId")).isNotBlank();
            });
            assertThat(bridge.tapio().calls()).as("the next pages asked for with tapio's tokens")
                    .filteredOn(c -> c.path().endsWith("/machines/licenses") && c.query() != null && c.query().contains("continuationToken="))
                    .hasSize(2);
        }
    }
}
