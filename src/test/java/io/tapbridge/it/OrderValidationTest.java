package io.tapbridge.it;

import static io.tapbridge.it.OrderCsv.rtxLine;
import static io.tapbridge.it.OrderCsv.tapToday;
import static io.tapbridge.it.OrderCsv.vrsLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.tapbridge.sandbox.SandboxOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every validation and enrichment rule, through the real routes: one PO per rule in one file, then the ack and
 * the sandbox's recorded orders show which lines were refused, why, and that refused lines never reached TAP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderValidationTest {

    BridgeHarness bridge;
    Map<String, Map<String, String>> ackBySerial;
    Map<String, List<SandboxOrder>> ordersByPo;

    private static Map<String, String> line(String po, String serial, Consumer<Map<String, String>> change) {
        Map<String, String> line = rtxLine(po, 1, serial);
        change.accept(line);
        return line;
    }

    @BeforeAll
    void dropOneFileWithEveryRule(@TempDir Path dir) {
        bridge = BridgeHarness.start(dir);
        OrderCsv csv = OrderCsv.create()
                .add(line("V-OK", "OK-1", l -> { }))
                .add(line("V-SERIAL", "", l -> l.put("customerOrderRef", "x")))
                .add(line("V-LINENO", "LN-1", l -> l.put("lineNumber", "one")))
                .add(line("V-TYPE", "TY-1", l -> l.put("serviceType", "rtx")))
                .add(line("V-START", "ST-1", l -> l.put("serviceStartDate", tapToday().plusDays(4).toString())))
                .add(line("V-START3", "ST3-1", l -> l.put("serviceStartDate", tapToday().plusDays(3).toString())))
                .add(line("V-DATE", "DT-1", l -> l.put("serviceStartDate", "22.11.2026")))
                .add(line("V-SCHED", "SC-1", l -> l.put("activationType", "SCHEDULED")))
                .add(line("V-ACTTYPE", "AT-1", l -> l.put("activationType", "LATER")))
                .add(line("V-RENEW", "AR-1", l -> l.put("autoRenewal", "Yes")))
                .add(vrsLineWithout("V-VRS", "VR-1", "deviceKey"))
                .add(vrsChanged("V-CARRIER", "CA-1", "carrierName", "telekom m2m"))
                .add(vrsChanged("V-SIM", "SI-1", "simNumber", "123456789012345678901"))
                .add(line("V-DUP", "DU-1", l -> { }))
                .add(line("V-DUP", "du-1", l -> l.put("lineNumber", "2")))
                .add(line("V-DUPLN", "DL-1", l -> { }))
                .add(line("V-DUPLN", "DL-2", l -> { }))
                .add(line("V-CURRENCY", "CU-1", l -> { }))
                .add(line("V-CURRENCY", "CU-2", l -> { l.put("lineNumber", "2"); l.put("currencyCode", "EUR"); }))
                .add(line("V-EMAIL", "EM-1", l -> l.put("billToContactEmail", "")))
                .add(line("V-EMAIL2", "EM2-1", l -> l.put("shipToContactEmail", "yard at example")))
                .add(line("V-BILLTO", "BT-1", l -> l.put("billToSiteUseId", "")))
                .add(line("E-RESELLER", "RS-1", l -> { l.put("billToSiteUseId", ""); l.put("resellerName", "cascade positioning supply inc."); }))
                .add(line("E-ENDCUST", "EC-1", l -> { l.put("shipToSiteUseId", ""); l.put("endCustomerName", "Pacific Millwork Co."); }))
                .add(line("E-RESUNK", "RU-1", l -> { l.put("billToSiteUseId", ""); l.put("resellerName", "Cascade Positioning"); }))
                .add(line("E-RESAMB", "RA-1", l -> { l.put("billToSiteUseId", ""); l.put("resellerName", "Geomatik Nord GmbH"); }))
                .add(line("E-MODEL", "MO-1", l -> l.put("manufacturerModel", "r12")))
                .add(line("E-MODELUNK", "MU-1", l -> l.put("manufacturerModel", "Trimble||R2D2")))
                .add(line("E-PART", "PA-1", l -> l.put("partNumber", "999999-99")))
                .add(line("E-BUNDLE", "BU-1", l -> { l.put("partNumber", "BNDL-NAV900-NAM"); l.put("manufacturerModel", "NAV-900"); }))
                .add(line("E-BUNDLEAMB", "BA-1", l -> {
                    l.put("billToSiteUseId", "531807"); l.put("shipToSiteUseId", "1912956"); l.put("currencyCode", "EUR");
                    l.put("partNumber", "BNDL-NAV900-EU"); l.put("manufacturerModel", "Trimble||NAV-900"); }))
                .add(line("E-BUNDLEALT", "BP-1", l -> {
                    l.put("billToSiteUseId", "531901"); l.put("shipToSiteUseId", "1914001"); l.put("currencyCode", "EUR");
                    l.put("partNumber", "BNDL-PTX-AG"); l.put("manufacturerModel", "Trimble||AG-392"); }))
                .add(vrsLine("V-VRSOK", 1, "VO-1"))
                // rules exactly as the texts say
                .add(line("E-MODELSPACE", "MS-1", l -> l.put("manufacturerModel", "trimble  R12")))
                .add(line("V-TWOPARTS", "TP-1", l -> { }))
                .add(line("V-TWOPARTS", "TP-1", l -> { l.put("lineNumber", "2"); l.put("partNumber", "108524-40"); }))
                .add(line("V-TWOPARTS", "tp-1", l -> l.put("lineNumber", "3")))
                .add(line("V-LINE01", "LZ-1", l -> l.put("lineNumber", "01")))
                .add(line("V-LINE01", "LZ-2", l -> l.put("lineNumber", "1")))
                .add(vrsChanged("V-SSO", "SS-1", "ssoUserEmailAddress", "surveyor at willamette"))
                .add(vrsNoSim("V-NOSIM", "NS-1"))
                .add(line("V-LONGPO-" + "P".repeat(140), "LP-1", l -> { }))
                .add(line("V-ACTCASE", "AC-1", l -> l.put("activationType", "Immediate")))
                .add(line("V-LONGSERIAL", "S".repeat(150), l -> { }))
                .add(line("V-FEB30", "FB-1", l -> l.put("serviceStartDate", "2026-02-30")))
                .add(vrsChanged("V-ECHO", "EC5-1", "carrierName", "x".repeat(5000)))
                .add(line("V-FORMULA", "=HYPERLINK(\"http://evil.example\")", l -> l.put("partNumber", "")))
                .add(line("V-NUL", "NU\u0000L-1", l -> l.put("partNumber", "")));
        // a record with one field too many: that line only is refused
        String text = csv.toString();
        String firstRow = text.split("\r\n")[1];
        text = text + firstRow.replace("OK-1", "XF-1").replace("V-OK", "V-XF") + ",surplus\r\n";
        bridge.dropOrders("rules.csv", text);
        ackBySerial = bridge.awaitAck("rules.csv").stream().collect(Collectors.toMap(r -> r.get("serialNumber").isEmpty()
                ? "(none)" : r.get("serialNumber"), r -> r, (a, b) -> a));
        bridge.awaitStatus("rules.csv", rows -> rows.stream().filter(r -> !"REJECTED".equals(r.get("status")))
                .allMatch(r -> "SUCCESS".equals(r.get("status"))));
        ordersByPo = bridge.sandbox().orders().stream().collect(Collectors.groupingBy(SandboxOrder::poNumber));
    }

    private static Map<String, String> vrsLineWithout(String po, String serial, String field) {
        Map<String, String> line = vrsLine(po, 1, serial);
        line.put(field, "");
        return line;
    }

    private static Map<String, String> vrsNoSim(String po, String serial) {
        Map<String, String> line = vrsLine(po, 1, serial);
        line.put("simIncludedFlag", "N");
        line.put("simNumber", "");
        line.put("carrierName", "");
        return line;
    }

    private static Map<String, String> vrsChanged(String po, String serial, String field, String value) {
        Map<String, String> line = vrsLine(po, 1, serial);
        line.put(field, value);
        return line;
    }

    @AfterAll
    void stop() {
        bridge.close();
    }

    private void rejected(String serial, String... words) {
        Map<String, String> row = ackBySerial.get(serial);
        assertThat(row).as("ack row of serial %s", serial).isNotNull();
        assertThat(row.get("result")).as("result of %s", serial).isEqualTo("REJECTED");
        assertThat(row.get("message")).as("message of %s", serial).contains(words);
        // a refused line never reaches TAP
        assertThat(ordersByPo.getOrDefault(row.get("customerPONumber"), List.of()).stream()
                .flatMap(o -> o.serialNumbers().stream())).as("serials ordered for %s", row.get("customerPONumber")).doesNotContain(serial);
    }

    private void accepted(String serial) {
        assertThat(ackBySerial.get(serial).get("result")).as("result of %s: %s", serial, ackBySerial.get(serial)).isEqualTo("ACCEPTED");
    }

    @Test
    void validLinesAreOrderedWithOnlyDocumentedFieldsAndNoBlanks() {
        accepted("OK-1");
        accepted("VO-1");
        accepted("ST3-1");
        SandboxOrder ok = ordersByPo.get("V-OK").get(0);
        assertThat(ok.header()).containsOnlyKeys("customerPONumber", "customerOrderRef", "currencyCode", "billToSiteUseId",
                "shipToSiteUseId", "billToContactEmail", "shipToContactEmail");
        assertThat(ok.lines().get(0)).doesNotContainKeys("geoFenceRegion", "deviceKey", "carrierName", "resellerName");
        assertThat(ordersByPo.get("V-VRSOK").get(0).lines().get(0)).containsEntry("carrierName", "Telekom M2M")
                .containsKeys("deviceKey", "simNumber", "geoFenceRegion", "ssoUserEmailAddress");
    }

    @Test
    void lineLevelRules() {
        rejected("(none)", "serialNumber: required");
        rejected("LN-1", "lineNumber: 'one' is not a whole number");
        rejected("TY-1", "serviceType: 'rtx'", "did you mean 'RTX'");
        rejected("ST-1", "serviceStartDate", "more than 3 days ahead");
        rejected("DT-1", "serviceStartDate: '22.11.2026' is not a date in the form YYYY-MM-DD");
        rejected("SC-1", "activationDate: required when activationType is SCHEDULED");
        rejected("AT-1", "activationType: 'LATER'");
        rejected("AR-1", "autoRenewal: 'Yes'");
        rejected("VR-1", "deviceKey: required for every VRS serial number");
        rejected("CA-1", "carrierName: 'telekom m2m'", "did you mean 'Telekom M2M'");
        rejected("SI-1", "simNumber");
        rejected("XF-1", "fields but the header has");
    }

    @Test
    void aRepeatedSerialOrLineNumberRejectsTheSecondLineOnly() {
        accepted("DU-1");
        rejected("du-1", "serialNumber: 'du-1' with partNumber '132001-10' is already on row");
        accepted("DL-1");
        assertThat(ackBySerial.get("DL-2").get("message")).contains("lineNumber: '1' (TAP compares line numbers as numbers) is already on row");
        assertThat(ordersByPo.get("V-DUP").get(0).serialNumbers()).containsExactly("DU-1");
    }

    @Test
    void rulesReadExactlyAsTheTextsSay() {
        accepted("MS-1");
        assertThat(ordersByPo.get("E-MODELSPACE").get(0).lines().get(0)).containsEntry("manufacturerModel", "R12");
        List<Map<String, String>> twoParts = bridge.awaitAck("rules.csv").stream()
                .filter(r -> r.get("customerPONumber").equals("V-TWOPARTS")).toList();
        assertThat(twoParts).extracting(r -> r.get("result")).containsExactly("ACCEPTED", "ACCEPTED", "REJECTED");
        assertThat(twoParts.get(2).get("message")).contains("serialNumber: 'tp-1' with partNumber '132001-10' is already on row");
        assertThat(ordersByPo.get("V-TWOPARTS").get(0).lines()).extracting(l -> l.get("partNumber"))
                .containsExactly("132001-10", "108524-40");
        accepted("LZ-1");
        rejected("LZ-2", "lineNumber: '1' (TAP compares line numbers as numbers) is already on row");
        accepted("SS-1");
        assertThat(ackBySerial.get("SS-1").get("message")).contains("warning: ssoUserEmailAddress 'surveyor at willamette'");
        accepted("NS-1");
        assertThat(ordersByPo.get("V-NOSIM").get(0).lines().get(0)).doesNotContainKeys("simNumber", "carrierName");
        accepted("LP-1");
        assertThat(ordersByPo).containsKey("V-LONGPO-" + "P".repeat(140));
        assertThat(ordersByPo.get("V-ACTCASE").get(0).lines().get(0)).containsEntry("activationType", "IMMEDIATE");
        // the ack's key column keeps 100 characters of it
        rejected("S".repeat(100), "serialNumber: 150 characters; tap-bridge keeps at most 100");
        rejected("FB-1", "serviceStartDate: '2026-02-30' is not a day of the calendar");
        rejected("EC5-1", "(5000 characters) is not one of");
        assertThat(ackBySerial.get("EC5-1").get("message")).hasSizeLessThan(1500);
    }

    @Test
    void resultFilesNeutraliseFormulasAndDropControlCharacters() {
        assertThat(ackBySerial).containsKey("'=HYPERLINK(\"http://evil.example\")").containsKey("NUL-1");
        assertThat(ackBySerial.get("NUL-1").get("result")).isEqualTo("REJECTED");
    }

    @Test
    void headerLevelErrorsRejectTheWholePo() {
        rejected("CU-1", "currencyCode: differs within PO V-CURRENCY", "'USD'", "'EUR'");
        rejected("CU-2", "currencyCode: differs within PO V-CURRENCY");
        rejected("EM-1", "billToContactEmail: required");
        rejected("EM2-1", "shipToContactEmail: 'yard at example' is not an e-mail address");
        rejected("BT-1", "billToSiteUseId: required", "resellerName");
    }

    @Test
    void namesAreResolvedToSiteUseIds() {
        accepted("RS-1");
        accepted("EC-1");
        assertThat(ordersByPo.get("E-RESELLER").get(0).header()).containsEntry("billToSiteUseId", "612001");
        assertThat(ordersByPo.get("E-ENDCUST").get(0).header()).containsEntry("shipToSiteUseId", "2210102");
        rejected("RU-1", "resellerName: 'Cascade Positioning' is not a reseller", "did you mean 'Cascade Positioning Supply Inc.'");
        rejected("RA-1", "resellerName: 'Geomatik Nord GmbH' has 2 bill-to sites", "531807", "531808");
    }

    @Test
    void modelsAndPartsAreCheckedAgainstTheCatalogue() {
        accepted("MO-1");
        assertThat(ordersByPo.get("E-MODEL").get(0).lines().get(0)).containsEntry("manufacturerModel", "R12");
        rejected("MU-1", "manufacturerModel: 'Trimble||R2D2' is not in TAP's list");
        rejected("PA-1", "partNumber: '999999-99' is not offered to billToSiteUseId 612001", "132001-10");
    }

    @Test
    void bundlePartsAreReplacedByTheirRenewalParts() {
        accepted("BU-1");
        assertThat(ackBySerial.get("BU-1").get("message")).contains("bundle part BNDL-NAV900-NAM replaced by renewal part 128349-10");
        assertThat(ordersByPo.get("E-BUNDLE").get(0).lines().get(0)).containsEntry("partNumber", "128349-10");
        // 88213-10 is not in this reseller's price list: the text's alternative 88416-10 is ordered
        accepted("BP-1");
        assertThat(ordersByPo.get("E-BUNDLEALT").get(0).lines().get(0)).containsEntry("partNumber", "88416-10");
        // the API text maps this description twice, to different parts: refused with both named
        rejected("BA-1", "BNDL-NAV900-EU", "128349-10", "128357-10");
    }
}
