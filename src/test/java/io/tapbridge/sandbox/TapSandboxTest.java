package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The TAP Store sandbox over real HTTP: tokens, the seven procedures, validation, life cycle and faults. */
class TapSandboxTest {

    /** 2025-04-24T17:28:10Z is 10:28 AM PDT on 2025-04-24 in Los Angeles. */
    private static final Instant NOW = Instant.parse("2025-04-24T17:28:10Z");
    private static final String TODAY_LA = "2025-04-24";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final MutableClock clock = new MutableClock(NOW);
    private TapSandbox tap;

    @BeforeEach
    void start() {
        tap = new TapSandbox(new TapSandboxSettings()
                .clock(clock)
                .processingTime(Duration.ofMillis(300))
                .otaPendingTime(Duration.ofMillis(300))).start();
    }

    @AfterEach
    void stop() {
        tap.close();
    }

    // ---------------------------------------------------------------- token endpoint

    @Test
    void issuesTokensForFormFieldsAndForBasicAuth() throws Exception {
        HttpResponse<String> form = tokenRequest("grant_type=client_credentials&scope=tapstoreapis"
                + "&client_id=tap-bridge-sandbox&client_secret=sandbox-secret", null);
        assertThat(form.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(form.body());
        assertThat(body.get("access_token").asText()).hasSizeGreaterThan(20);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);

        HttpResponse<String> basic = tokenRequest("grant_type=client_credentials&scope=tapstoreapis",
                basic("tap-bridge-sandbox", "sandbox-secret"));
        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(basic.body()).get("access_token").asText()).isNotEqualTo(body.get("access_token").asText());

        assertThat(tap.tokensIssued()).isEqualTo(2);
        assertThat(tap.calls()).extracting(RecordedCall::path, RecordedCall::httpStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/oauth/token", 200),
                        org.assertj.core.groups.Tuple.tuple("/oauth/token", 200));
    }

    @Test
    void refusesBadClientsGrantsAndScopes() throws Exception {
        HttpResponse<String> badSecret = tokenRequest("grant_type=client_credentials&scope=tapstoreapis"
                + "&client_id=tap-bridge-sandbox&client_secret=wrong", null);
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(badSecret.body()).isEqualTo("{\"error\":\"invalid_client\"}");

        HttpResponse<String> badBasic = tokenRequest("grant_type=client_credentials&scope=tapstoreapis", basic("someone", "sandbox-secret"));
        assertThat(badBasic.statusCode()).isEqualTo(401);
        assertThat(badBasic.body()).isEqualTo("{\"error\":\"invalid_client\"}");

        HttpResponse<String> noClient = tokenRequest("grant_type=client_credentials&scope=tapstoreapis", null);
        assertThat(noClient.statusCode()).isEqualTo(401);

        HttpResponse<String> grant = tokenRequest("grant_type=password&scope=tapstoreapis", basic("tap-bridge-sandbox", "sandbox-secret"));
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(grant.body()).isEqualTo("{\"error\":\"unsupported_grant_type\"}");

        HttpResponse<String> scope = tokenRequest("grant_type=client_credentials&scope=openid", basic("tap-bridge-sandbox", "sandbox-secret"));
        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(scope.body()).isEqualTo("{\"error\":\"invalid_scope\"}");

        assertThat(tap.tokensIssued()).isZero();
    }

    @Test
    void answersInvalidCredentialsAndExpiredTokensDifferently() throws Exception {
        HttpResponse<String> none = send(HttpRequest.newBuilder(getUri("TAP_GET_MFG_MODELS_API", null)).GET().build());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).isEqualTo("{\"fault\":{\"status\":\"401\",\"code\":\"900902\","
                + "\"message\":\"Authentication Failure\",\"description\":\"Invalid Credentials\"}}");

        assertThat(get("TAP_GET_MFG_MODELS_API", null, "not-a-token").statusCode()).isEqualTo(401);

        String token = token();
        assertThat(get("TAP_GET_MFG_MODELS_API", null, token).statusCode()).isEqualTo(200);
        tap.expireTokens();
        HttpResponse<String> expired = get("TAP_GET_MFG_MODELS_API", null, token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).isEqualTo("{\"fault\":{\"status\":\"401\",\"code\":\"900903\","
                + "\"message\":\"Authentication Failure\",\"description\":\"Access Token Expired\"}}");

        // a new token works; when its lifetime has passed on the clock it expires too
        String fresh = token();
        assertThat(get("TAP_GET_MFG_MODELS_API", null, fresh).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(61));
        assertThat(JSON.readTree(get("TAP_GET_MFG_MODELS_API", null, fresh).body()).at("/fault/code").asText()).isEqualTo("900903");
    }

    // ---------------------------------------------------------------- read procedures

    @Test
    void listsCustomersWithFilters() throws Exception {
        String token = token();
        JsonNode all = ok(get("TAP_GET_CUSTOMERS_API", null, token));
        assertThat(all.get("statusCode").asText()).isEqualTo("200");
        assertThat(all.get("uniqueId").asText()).matches("\\d+");
        assertThat(names(all.get("resellers"))).containsExactly("Geomatik Nord GmbH", "Geomatik Süd AG",
                "Cascade Positioning Supply Inc.", "Southern Cross Survey Pty Ltd");
        JsonNode nord = all.get("resellers").get(0);
        assertThat(nord.get("billTo")).hasSize(2);
        assertThat(nord.get("billTo").get(0).get("siteUseId").asText()).isEqualTo("531807");
        assertThat(nord.get("billTo").get(0).get("autoRenewFlag").asText()).isEqualTo("Y");
        // the inactive end customer is not shown
        assertThat(names(nord.get("endCustomer"))).doesNotContain("Sägewerk Ahrens OHG").contains("Schreinerei Müller GmbH");

        JsonNode geoma = ok(get("TAP_GET_CUSTOMERS_API", "{\"resellerName\":\"geoma\",\"endCustomerName\":\"\"}", token));
        assertThat(names(geoma.get("resellers"))).containsExactly("Geomatik Nord GmbH", "Geomatik Süd AG");

        JsonNode sued = ok(get("TAP_GET_CUSTOMERS_API", "{\"resellerName\":\"Geomatik Süd AG\"}", token));
        assertThat(names(sued.get("resellers"))).containsExactly("Geomatik Süd AG");

        JsonNode mueller = ok(get("TAP_GET_CUSTOMERS_API", "{\"endCustomerName\":\"MÜLLER\"}", token));
        assertThat(names(mueller.get("resellers"))).containsExactly("Geomatik Nord GmbH", "Geomatik Süd AG");
        assertThat(names(mueller.get("resellers").get(1).get("endCustomer"))).containsExactly("Schreinerei Müller GmbH");

        JsonNode apac = ok(get("TAP_GET_CUSTOMERS_API", "{\"region\":\"APAC\"}", token));
        assertThat(names(apac.get("resellers"))).containsExactly("Southern Cross Survey Pty Ltd");

        JsonNode recent = ok(get("TAP_GET_CUSTOMERS_API", "{\"customerCreationDate\":\"2024-06-01T00:00:00Z\"}", token));
        assertThat(names(recent.get("resellers").get(0).get("endCustomer")))
                .containsExactly("Holzbau Köhler KG", "Tømrerfirma Jensen ApS");

        JsonNode shortName = error(get("TAP_GET_CUSTOMERS_API", "{\"resellerName\":\"Geo\"}", token));
        assertThat(shortName.get("errorMessage").isTextual()).isTrue();
        assertThat(shortName.get("errorMessage").asText()).contains("resellerName").contains("5");

        JsonNode none = error(get("TAP_GET_CUSTOMERS_API", "{\"resellerName\":\"Nobody Ltd\"}", token));
        assertThat(none.get("errorMessage").asText()).isEqualTo("No data found");
        assertThat(none.get("status").asText()).isEqualTo("ERROR");
        assertThat(none.get("statusCode").asText()).isEqualTo("400");

        JsonNode unknown = error(get("TAP_GET_CUSTOMERS_API", "{\"country\":\"DE\"}", token));
        assertThat(unknown.get("errorMessage").asText()).startsWith("country:");
    }

    @Test
    void listsManufacturerModels() throws Exception {
        String token = token();
        JsonNode all = ok(get("TAP_GET_MFG_MODELS_API", null, token));
        assertThat(texts(all.get("manufacturerModel"))).contains("Trimble||R12", "Trimble||NAV-900", "Trimble||AG-392", "Spectra||SP85");
        JsonNode spectra = ok(get("TAP_GET_MFG_MODELS_API", "{\"manufacturer\":\"spectra\"}", token));
        assertThat(texts(spectra.get("manufacturerModel"))).allMatch(m -> m.startsWith("Spectra||"));
        JsonNode none = error(get("TAP_GET_MFG_MODELS_API", "{\"manufacturer\":\"Leica\"}", token));
        assertThat(texts(none.get("errorMessage"))).containsExactly("No data found");
    }

    @Test
    void listsProductsPerBillToServiceTypeAndModel() throws Exception {
        String token = token();
        JsonNode rtx = ok(get("TAP_GET_PRODUCTS_API",
                "{\"resellerbillToSiteUseId\":\"531807\",\"serviceType\":\"RTX\",\"model\":\"NAV900\"}", token));
        assertThat(rtx.get("customerName").asText()).isEqualTo("Geomatik Nord GmbH");
        assertThat(rtx.get("products")).allMatch(p -> p.get("manufacturerModel").asText().equals("Trimble||NAV-900"));
        assertThat(partNumbers(rtx)).contains("128349-10", "88213-10", "BNDL-NAV900-EU", "BNDL-PTX-AG").doesNotContain("VRS-DE-12");
        JsonNode first = rtx.get("products").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("manufacturerModel", "partNumber", "partDescription",
                "currencyCode", "listPrice", "durationOfItem");

        JsonNode sued = ok(get("TAP_GET_PRODUCTS_API",
                "{\"resellerbillToSiteUseId\":531901,\"serviceType\":\"RTX\",\"model\":\"AG-392\",\"partDescription\":\"via satellite\"}", token));
        assertThat(partNumbers(sued)).containsExactly("88416-10");

        JsonNode vrs = ok(get("TAP_GET_PRODUCTS_API", "{\"resellerbillToSiteUseId\":\"531807\",\"serviceType\":\"VRS\"}", token));
        assertThat(partNumbers(vrs)).contains("VRS-DE-12");
        assertThat(vrs.get("products").get(0).get("geoFenceRegions")).isNotEmpty();

        JsonNode noModel = error(get("TAP_GET_PRODUCTS_API", "{\"resellerbillToSiteUseId\":\"531807\",\"serviceType\":\"RTX\"}", token));
        assertThat(noModel.get("errorMessage").asText()).isEqualTo("model: is mandatory for serviceType RTX");

        JsonNode otherBillTo = error(get("TAP_GET_PRODUCTS_API", "{\"resellerbillToSiteUseId\":\"999\",\"serviceType\":\"VRS\"}", token));
        assertThat(otherBillTo.get("errorMessage").asText()).isEqualTo("No data found");
    }

    // ---------------------------------------------------------------- create and read orders

    @Test
    void createsAnOrderAndReadsItBack() throws Exception {
        String token = token();
        ObjectNode request = order("PO-1001", rtxLine(1, "5832C01234"), vrsLine(2, "VRS-77001"));
        HttpResponse<String> created = post("TAP_CREATE_ORDER_API", request, token);
        JsonNode body = ok(created);
        String uniqueId = body.get("uniqueId").asText();
        assertThat(body.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(tap.createCalls()).isEqualTo(1);

        SandboxOrder order = tap.orders().get(0);
        assertThat(order.uniqueId()).isEqualTo(uniqueId);
        assertThat(order.orderNumber()).matches("\\d+");
        assertThat(order.clientId()).isEqualTo("tap-bridge-sandbox");
        assertThat(order.poNumber()).isEqualTo("PO-1001");
        assertThat(order.customerOrderRef()).isEqualTo("ERP-PO-1001");
        assertThat(order.status()).isEqualTo("ORDER_CREATION_INPROGRESS");
        assertThat(order.createdAt()).isEqualTo(NOW);
        assertThat(order.header()).doesNotContainKey("lines").containsEntry("billToSiteUseId", 531807)
                .containsEntry("shipToSiteUseId", "1913101");
        assertThat(order.lines()).hasSize(2);
        assertThat(order.lines().get(1)).containsEntry("deviceKey", "VRS4567").containsEntry("simNumber", "8001002000145236");
        assertThat(order.serialNumbers()).containsExactly("5832C01234", "VRS-77001");

        JsonNode byId = ok(get("TAP_GET_ORDER_API", "{\"uniqueID\":\"" + uniqueId + "\"}", token));
        assertThat(byId.get("uniqueID").asText()).isEqualTo(uniqueId);
        assertThat(byId.get("uniqueId").asText()).isNotEqualTo(uniqueId);
        JsonNode hdr = byId.get("orderHdr");
        assertThat(hdr.get("orderStatus").asText()).isEqualTo("ORDER_CREATION_INPROGRESS");
        assertThat(hdr.get("orderNumber").asText()).isEqualTo(order.orderNumber());
        assertThat(hdr.get("orderCreationDate").asText()).isEqualTo("24-APR-25 05.28.10.000000 PM UTC");
        assertThat(hdr.get("poNumber").asText()).isEqualTo("PO-1001");
        assertThat(hdr.get("billToCustomerName").asText()).isEqualTo("Geomatik Nord GmbH");
        assertThat(hdr.get("shipToCustomerName").asText()).isEqualTo("Schreinerei Müller GmbH");
        JsonNode line2 = byId.get("orderLine").get(1);
        assertThat(line2.get("serviceType").asText()).isEqualTo("VRS");
        assertThat(line2.get("deviceKey").asText()).isEqualTo("VRS4567");
        assertThat(line2.get("serviceStartDate").asText()).isEqualTo(TODAY_LA);
        assertThat(line2.get("serviceEndDate").asText()).isEqualTo("2026-04-24");
        assertThat(line2.get("partDescription").asText()).isEqualTo("VRS Now Germany 1 Year");

        assertThat(ok(get("TAP_GET_ORDER_API", "{\"serialNumber\":\"vrs-77001\",\"poNumber\":\"PO-1001\"}", token))
                .get("uniqueID").asText()).isEqualTo(uniqueId);
        // the hardest reading by default: a serial number outranks the PO, and shows only that serial's lines
        JsonNode bySerial = ok(get("TAP_GET_ORDER_API", "{\"serialNumber\":\"VRS-77001\",\"poNumber\":\"PO-9\"}", token));
        assertThat(bySerial.get("uniqueID").asText()).isEqualTo(uniqueId);
        assertThat(bySerial.get("orderLine")).hasSize(1);
        assertThat(bySerial.get("orderLine").get(0).get("serialNumber").asText()).isEqualTo("VRS-77001");
        assertThat(ok(get("TAP_GET_ORDER_API", "{\"poNumber\":\"PO-1001\"}", token)).get("orderLine")).hasSize(2);
        tap.settings().orderLookup(TapSandboxSettings.OrderLookup.ALL_GIVEN);
        JsonNode mismatch = error(get("TAP_GET_ORDER_API", "{\"serialNumber\":\"VRS-77001\",\"poNumber\":\"PO-9\"}", token));
        assertThat(mismatch.get("errorMessage").asText()).isEqualTo("No records found for requested parameters");
        JsonNode wrongCase = error(get("TAP_GET_ORDER_API", "{\"uniqueId\":\"" + uniqueId + "\"}", token));
        assertThat(wrongCase.get("errorMessage").asText()).contains("uniqueId").contains("uniqueID");
    }

    @Test
    void movesFromInProgressToSuccessAndReportsActivations() throws Exception {
        String token = token();
        String uniqueId = ok(post("TAP_CREATE_ORDER_API", order("PO-2001", rtxLine(1, "5832C00001")), token)).get("uniqueId").asText();
        String orderNumber = tap.orders().get(0).orderNumber();
        assertThat(error(get("TAP_GET_ACTIVATION_STATUS_API", "{\"orderNumber\":\"" + orderNumber + "\"}", token))
                .get("errorMessage").asText()).isEqualTo("No data found");

        await().atMost(Duration.ofSeconds(5)).until(() -> status(uniqueId).equals("SUCCESS"));
        assertThat(ok(get("TAP_GET_ORDER_API", "{\"uniqueID\":" + uniqueId + "}", token)).at("/orderHdr/orderStatus").asText())
                .isEqualTo("SUCCESS");

        JsonNode activations = ok(get("TAP_GET_ACTIVATION_STATUS_API", "{\"orderNumber\":" + orderNumber + "}", token));
        JsonNode a = activations.get("activations").get(0);
        assertThat(a.get("serialNumber").asText()).isEqualTo("5832C00001");
        assertThat(a.get("partNumber").asText()).isEqualTo("128349-10");
        assertThat(a.get("serviceEndDate").asText()).isEqualTo("2026-04-24");
        assertThat(a.get("passcode").asText()).matches("[0-9A-F]{5}(-[0-9A-F]{5}){3}");
        assertThat(a.get("otaActivationStatus").asText()).isIn("PENDING", "COMPLETED");
        await().atMost(Duration.ofSeconds(5)).until(() -> JSON.readTree(get("TAP_GET_ACTIVATION_STATUS_API",
                "{\"serialNumber\":\"5832c00001\"}", token).body()).at("/activations/0/otaActivationStatus").asText().equals("COMPLETED"));
        JsonNode again = ok(get("TAP_GET_ACTIVATION_STATUS_API", "{\"serialNumber\":\"5832C00001\"}", token));
        assertThat(again.at("/activations/0/passcode").asText()).isEqualTo(a.get("passcode").asText());

        // a resend makes OTA pending again
        ok(post("TAP_RESEND_ACTIVATION_API", JSON.readTree("{\"serialNumber\":\"5832C00001\"}"), token));
        assertThat(ok(get("TAP_GET_ACTIVATION_STATUS_API", "{\"serialNumber\":\"5832C00001\"}", token))
                .at("/activations/0/otaActivationStatus").asText()).isEqualTo("PENDING");
        assertThat(tap.resentSerialNumbers()).containsExactly("5832C00001");
        JsonNode unknownSerial = error(post("TAP_RESEND_ACTIVATION_API", JSON.readTree("{\"serialNumber\":\"NOPE\"}"), token));
        assertThat(texts(unknownSerial.get("errorMessage"))).containsExactly("No data found");
    }

    @Test
    void holdsOrdersUntilReleased() throws Exception {
        String token = token();
        String held = ok(post("TAP_CREATE_ORDER_API", order("PO-3001", rtxLine(1, "HOLD-0001")), token)).get("uniqueId").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> status(held).equals("ORDER_ON_HOLD"));
        assertThat(error(get("TAP_GET_ACTIVATION_STATUS_API", "{\"serialNumber\":\"HOLD-0001\"}", token))
                .get("errorMessage").asText()).isEqualTo("No data found");

        assertThat(send(HttpRequest.newBuilder(URI.create(root() + "/sandbox/orders/424242/release"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(root() + "/sandbox/orders/" + held + "/release"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(204);
        assertThat(status(held)).isEqualTo("SUCCESS");
        assertThatThrownBy(() -> tap.releaseHold(held)).isInstanceOf(IllegalArgumentException.class);

        // with holdReleaseAfter the hold ends by itself
        tap.settings().holdReleaseAfter(Duration.ofMillis(600));
        String auto = ok(post("TAP_CREATE_ORDER_API", order("PO-3002", rtxLine(1, "hold-0002")), token)).get("uniqueId").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> status(auto).equals("ORDER_ON_HOLD"));
        await().atMost(Duration.ofSeconds(5)).until(() -> status(auto).equals("SUCCESS"));
    }

    @Test
    void failsOrdersWithErrorSerials() throws Exception {
        String token = token();
        String failed = ok(post("TAP_CREATE_ORDER_API", order("PO-4001", rtxLine(1, "5832C00002"), rtxLine(2, "FAIL-0001")), token))
                .get("uniqueId").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> status(failed).equals("ERROR"));
        assertThat(tap.orders().get(0).errorMessage()).contains("FAIL-0001");
        JsonNode hdr = ok(get("TAP_GET_ORDER_API", "{\"poNumber\":\"PO-4001\"}", token)).get("orderHdr");
        assertThat(hdr.get("orderStatus").asText()).isEqualTo("ERROR");
        assertThat(hdr.get("invoiceNumber").asText()).isEmpty();
    }

    @Test
    void refusesASerialWhoseOrderIsStillInProgress() throws Exception {
        String token = token();
        ok(post("TAP_CREATE_ORDER_API", order("PO-5001", rtxLine(1, "TestAPI01")), token));
        JsonNode refused = error(post("TAP_CREATE_ORDER_API", order("PO-5002", rtxLine(1, "testapi01")), token));
        assertThat(texts(refused.get("errorMessage")))
                .containsExactly("Order creation is in progress for the serialNumber testapi01 please try after some time");
        assertThat(tap.orders()).hasSize(1);
        assertThat(tap.createCalls()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(5)).until(() -> tap.orders().get(0).status().equals("SUCCESS"));
        ok(post("TAP_CREATE_ORDER_API", order("PO-5003", rtxLine(1, "testapi01")), token));
        // the store keeps the spelling it already knows for the device
        assertThat(ok(get("TAP_GET_ORDER_API", "{\"poNumber\":\"PO-5003\"}", token)).at("/orderLine/0/serialNumber").asText())
                .isEqualTo("TestAPI01");
    }

    // ---------------------------------------------------------------- create validation

    @Test
    void refusesUnknownAndNullFields() throws Exception {
        String token = token();
        ObjectNode request = order("PO-6001", rtxLine(1, "5832C00003"));
        request.put("salesRep", "Eva");
        request.putNull("promoCode");
        ((ObjectNode) request.get("lines").get(0)).put("quantity", 1);
        JsonNode refused = error(post("TAP_CREATE_ORDER_API", request, token));
        assertThat(texts(refused.get("errorMessage"))).containsExactlyInAnyOrder(
                "salesRep: is not a valid field",
                "promoCode: null is not allowed; leave an optional field out instead",
                "lines[0].quantity: is not a valid field");
        assertThat(refused.get("uniqueId").asText()).matches("\\d+");
        assertThat(tap.orders()).isEmpty();
    }

    @Test
    void refusesMoreThanTwentyLines() throws Exception {
        List<ObjectNode> lines = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            lines.add(rtxLine(i, "5832C1" + String.format("%04d", i)));
        }
        JsonNode refused = error(post("TAP_CREATE_ORDER_API", order("PO-7001", lines.toArray(ObjectNode[]::new)), token()));
        assertThat(texts(refused.get("errorMessage")))
                .containsExactly("lines: 21 lines exceed the maximum of 20 order lines per request");

        lines.remove(20);
        ok(post("TAP_CREATE_ORDER_API", order("PO-7002", lines.toArray(ObjectNode[]::new)), token()));
        JsonNode none = error(post("TAP_CREATE_ORDER_API", order("PO-7003"), token()));
        assertThat(texts(none.get("errorMessage"))).containsExactly("lines: an order needs at least one line");
    }

    @Test
    void refusesVrsLinesWithoutTheirFieldsOrWithABadCarrier() throws Exception {
        ObjectNode missing = vrsLine(1, "VRS-88001");
        missing.remove(List.of("geoFenceRegion", "ssoUserEmailAddress", "deviceKey", "simNumber"));
        ObjectNode badCarrier = vrsLine(2, "VRS-88002");
        badCarrier.put("carrierName", "Telekom");
        ObjectNode longSim = vrsLine(3, "VRS-88003");
        longSim.put("simNumber", "800100200014523600001");
        JsonNode refused = error(post("TAP_CREATE_ORDER_API", order("PO-8001", missing, badCarrier, longSim), token()));
        assertThat(texts(refused.get("errorMessage"))).containsExactlyInAnyOrder(
                "lines[0].geoFenceRegion: is mandatory",
                "lines[0].ssoUserEmailAddress: is mandatory",
                "lines[0].deviceKey: is mandatory",
                "lines[0].simNumber: is mandatory",
                "lines[1].carrierName: 'Telekom' is not a valid carrier",
                "lines[2].simNumber: has 21 digits; at most 20 are allowed");
    }

    @Test
    void refusesStartDatesMoreThanThreeDaysAheadInLosAngeles() throws Exception {
        ObjectNode fourDays = rtxLine(1, "5832C00004");
        fourDays.put("serviceStartDate", "2025-04-28");
        ObjectNode badDate = rtxLine(2, "5832C00005");
        badDate.put("serviceStartDate", "2025-02-30");
        ObjectNode scheduled = rtxLine(3, "5832C00006");
        scheduled.put("activationType", "Scheduled");
        JsonNode refused = error(post("TAP_CREATE_ORDER_API", order("PO-9001", fourDays, badDate, scheduled), token()));
        assertThat(texts(refused.get("errorMessage"))).containsExactlyInAnyOrder(
                "lines[0].serviceStartDate: 2025-04-28 is more than 3 days after today (2025-04-24, America/Los_Angeles)",
                "lines[1].serviceStartDate: '2025-02-30' is not a valid date (YYYY-MM-DD)",
                "lines[2].activationDate: is mandatory when activationType is SCHEDULED");

        ObjectNode threeDays = rtxLine(1, "5832C00007");
        threeDays.put("serviceStartDate", "2025-04-27");
        ok(post("TAP_CREATE_ORDER_API", order("PO-9002", threeDays), token()));
        // at 2025-04-25T06:00Z it is still the 24th in Los Angeles
        clock.set(Instant.parse("2025-04-25T06:00:00Z"));
        ObjectNode utcTomorrow = rtxLine(1, "5832C00008");
        utcTomorrow.put("serviceStartDate", "2025-04-28");
        assertThat(post("TAP_CREATE_ORDER_API", order("PO-9003", utcTomorrow), token()).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesBundlePartsAndNamesTheRenewalPart() throws Exception {
        ObjectNode nord = rtxLine(1, "5832C00009");
        nord.put("partNumber", "BNDL-PTX-AG");
        JsonNode refusedNord = error(post("TAP_CREATE_ORDER_API", order("PO-10001", nord), token()));
        assertThat(texts(refusedNord.get("errorMessage"))).containsExactly("lines[0].partNumber: 'BNDL-PTX-AG' "
                + "(Ag Regional CenterPoint RTX 1 Year on Basic PTx Bundle) is a bundle part and cannot be used to place "
                + "renewal orders; use 88213-10 (Ag Regional CenterPoint RTX Fast 1 Year via Satellite)");

        // Geomatik Süd's price list has no 88213-10: the table's fallback 88416-10 applies
        ObjectNode sued = order("PO-10002", rtxLine(1, "5832C00010"));
        sued.put("billToSiteUseId", "531901");
        sued.put("shipToSiteUseId", "1914101");
        ((ObjectNode) sued.get("lines").get(0)).put("partNumber", "BNDL-PTX-AG");
        JsonNode refusedSued = error(post("TAP_CREATE_ORDER_API", sued, token()));
        assertThat(texts(refusedSued.get("errorMessage")).get(0)).endsWith("use 88416-10 (Ag Regional CenterPoint RTX Fast 1 Year via Satellite)");

        ObjectNode nav = rtxLine(1, "5832C00011");
        nav.put("partNumber", "BNDL-NAV900-EU");
        JsonNode refusedNav = error(post("TAP_CREATE_ORDER_API", order("PO-10003", nav), token()));
        assertThat(texts(refusedNav.get("errorMessage")).get(0)).contains("is a bundle part").contains("128349-10").contains("128357-10");
        assertThat(tap.orders()).isEmpty();
    }

    @Test
    void checksSitesModelsAndPartsAgainstTheCatalogue() throws Exception {
        ObjectNode request = order("PO-11001", rtxLine(1, "5832C00012"), rtxLine(2, "5832C00013"), rtxLine(3, "5832C00014"));
        request.put("shipToSiteUseId", "2210101"); // an end customer of another reseller
        request.put("billToContactEmail", "not-an-email");
        ((ObjectNode) request.get("lines").get(0)).put("manufacturerModel", "Trimble||NAV-900");
        ((ObjectNode) request.get("lines").get(1)).put("partNumber", "100731"); // not in Geomatik Nord's price list
        ((ObjectNode) request.get("lines").get(2)).put("manufacturerModel", "R12"); // 128349-10 is an Ag part
        JsonNode refused = error(post("TAP_CREATE_ORDER_API", request, token()));
        assertThat(texts(refused.get("errorMessage"))).containsExactlyInAnyOrder(
                "billToContactEmail: 'not-an-email' is not a valid email address",
                "shipToSiteUseId: 2210101 belongs to 'Willamette Timber Frames LLC' of reseller 'Cascade Positioning Supply Inc.', "
                        + "not to the billTo's reseller 'Geomatik Nord GmbH' or its end customers",
                "lines[0].manufacturerModel: 'Trimble||NAV-900' is not a valid model; send the model part of a "
                        + "TAP_GET_MFG_MODELS_API value (after '||'), e.g. 'R12' for 'Trimble||R12'",
                "lines[1].partNumber: '100731' is not in the price list of billTo 531807",
                "lines[2].partNumber: '128349-10' is not offered for model 'R12'");
    }

    @Test
    void refusesBadEnvelopes() throws Exception {
        String token = token();
        JsonNode wrongMethod = error(get("TAP_CREATE_ORDER_API", "{}", token));
        assertThat(texts(wrongMethod.get("errorMessage"))).containsExactly("TAP_CREATE_ORDER_API must be called with HTTP POST, not GET");

        JsonNode unknown = error(send(authorized(HttpRequest.newBuilder(rawUri("{\"ProcName\":\"TAP_DELETE_API\",\"ProcRequester\":\"TAP\"}")), token).GET().build()));
        assertThat(unknown.get("errorMessage").asText()).isEqualTo("ProcName: 'TAP_DELETE_API' is not a valid procedure");

        JsonNode requester = error(send(authorized(HttpRequest.newBuilder(rawUri("{\"ProcName\":\"TAP_GET_MFG_MODELS_API\",\"ProcRequester\":\"ERP\"}")), token).GET().build()));
        assertThat(texts(requester.get("errorMessage"))).containsExactly("ProcRequester: 'ERP' is not valid; the only valid value is 'TAP'");

        JsonNode extra = error(send(authorized(HttpRequest.newBuilder(rawUri("{\"ProcName\":\"TAP_GET_CUSTOMERS_API\",\"ProcRequester\":\"TAP\",\"version\":1}")), token).GET().build()));
        assertThat(extra.get("errorMessage").asText()).startsWith("version: is not a valid field of the TAP envelope");

        HttpResponse<String> garbage = send(authorized(HttpRequest.newBuilder(URI.create(tap.baseUrl())), token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"ProcName\":")).build());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).get("errorMessage").get(0).asText()).startsWith("the request is not valid JSON");
    }

    // ---------------------------------------------------------------- faults and latency

    @Test
    void failsCreatesWithoutCreatingAnything() throws Exception {
        String token = token();
        tap.faults().failNextCreates(3, 500);
        HttpResponse<String> internal = post("TAP_CREATE_ORDER_API", order("PO-12001", rtxLine(1, "5832C00015")), token);
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.body()).isEqualTo("{\"statusCode\":\"500\",\"status\":\"ERROR\",\"errorMessage\":\"Internal Server Error\"}");

        tap.faults().failNextCreates(1, 503);
        HttpResponse<String> denied = post("TAP_CREATE_ORDER_API", order("PO-12001", rtxLine(1, "5832C00015")), token);
        assertThat(denied.statusCode()).isEqualTo(503);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
        assertThat(denied.body()).contains("Access is denied");

        tap.faults().failNextCreates(1, 504);
        HttpResponse<String> timeout = post("TAP_CREATE_ORDER_API", order("PO-12001", rtxLine(1, "5832C00015")), token);
        assertThat(timeout.statusCode()).isEqualTo(504);
        assertThat(timeout.body()).contains("Gateway Time-out");

        assertThat(tap.orders()).isEmpty();
        // GET procedures are not affected by create faults
        tap.faults().failNextCreates(1, 500);
        assertThat(get("TAP_GET_MFG_MODELS_API", null, token).statusCode()).isEqualTo(200);
        tap.faults().clear();
        ok(post("TAP_CREATE_ORDER_API", order("PO-12001", rtxLine(1, "5832C00015")), token));
        assertThat(tap.orders()).hasSize(1);
        assertThat(tap.createCalls()).isEqualTo(4);
    }

    @Test
    void slowCreatesCreateTheOrderBeforeAnswering() throws Exception {
        String token = token();
        tap.faults().slowNextCreates(1, Duration.ofMillis(1500));
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(postRequest("TAP_CREATE_ORDER_API",
                order("PO-13001", rtxLine(1, "5832C00016")), token), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(1)).until(() -> tap.orders().size() == 1);
        assertThat(answer).isNotDone();
        assertThat(tap.calls().get(tap.calls().size() - 1).httpStatus()).isZero();
        // a retry with the same serial meets the in-progress rule
        JsonNode retry = error(post("TAP_CREATE_ORDER_API", order("PO-13001", rtxLine(1, "5832C00016")), token));
        assertThat(texts(retry.get("errorMessage")).get(0)).startsWith("Order creation is in progress for the serialNumber 5832C00016");

        HttpResponse<String> late = answer.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(JSON.readTree(late.body()).get("uniqueId").asText()).isEqualTo(tap.orders().get(0).uniqueId());
        assertThat(tap.calls()).filteredOn(c -> "TAP_CREATE_ORDER_API".equals(c.procName()))
                .extracting(RecordedCall::httpStatus).containsExactly(200, 400);
    }

    @Test
    void rateLimitsAnyProcedure() throws Exception {
        String token = token();
        tap.faults().rateLimitNext(2, 7);
        HttpResponse<String> limited = get("TAP_GET_CUSTOMERS_API", null, token);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(limited.body()).at("/fault/status").asText()).isEqualTo("429");
        assertThat(post("TAP_CREATE_ORDER_API", order("PO-14001", rtxLine(1, "5832C00017")), token).statusCode()).isEqualTo(429);
        assertThat(tap.orders()).isEmpty();
        assertThat(get("TAP_GET_CUSTOMERS_API", null, token).statusCode()).isEqualTo(200);
    }

    @Test
    void failsGetProcedures() throws Exception {
        String token = token();
        tap.faults().failNextGets(1, 500);
        HttpResponse<String> internal = get("TAP_GET_CUSTOMERS_API", null, token);
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(internal.body()).get("errorMessage").asText()).isEqualTo("Internal Server Error");
        tap.faults().failNextGets(1, 503);
        // a POST procedure does not consume a GET fault
        ok(post("TAP_CREATE_ORDER_API", order("PO-15001", rtxLine(1, "5832C00018")), token));
        HttpResponse<String> denied = get("TAP_GET_ORDER_API", "{\"poNumber\":\"PO-15001\"}", token);
        assertThat(denied.statusCode()).isEqualTo(503);
        assertThat(denied.body()).contains("Access is denied");
        assertThat(get("TAP_GET_ORDER_API", "{\"poNumber\":\"PO-15001\"}", token).statusCode()).isEqualTo(200);
    }

    @Test
    void addsLatencyToApiCallsOnly() throws Exception {
        tap.setLatency(Duration.ofMillis(400));
        long tokenStart = System.nanoTime();
        String token = token();
        assertThat(Duration.ofNanos(System.nanoTime() - tokenStart)).isLessThan(Duration.ofMillis(400));
        long start = System.nanoTime();
        assertThat(get("TAP_GET_MFG_MODELS_API", null, token).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        tap.setLatency(Duration.ZERO);
        assertThat(tap.settings().latency()).isZero();
    }

    @Test
    void readsACatalogueFileAndRefusesABrokenOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalogue.json");
        Files.writeString(file, """
                {"about": "one reseller",
                 "manufacturerModels": ["Trimble||R12"],
                 "priceLists": {"P": [{"partNumber": "95690-20", "partDescription": "Geospatial Continental CenterPoint RTX 1 Year",
                                       "serviceType": "RTX", "models": ["Trimble||R12"], "currencyCode": "CHF",
                                       "listPrice": "1700.00", "durationOfItem": "1 Year"}]},
                 "resellers": [{"name": "Vermessung Zürich AG",
                                "billTo": [{"siteUseId": "9001", "address": "Zürich", "region": "EUROPE", "autoRenewFlag": "N", "priceList": "P"}],
                                "shipTo": [{"siteUseId": "9002", "address": "Zürich", "region": "EUROPE"}],
                                "endCustomers": []}]}
                """);
        try (TapSandbox custom = new TapSandbox(new TapSandboxSettings().cataloguePath(file.toString()).clientId("other-client")).start()) {
            HttpResponse<String> t = send(HttpRequest.newBuilder(URI.create(custom.tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=tapstoreapis"
                            + "&client_id=other-client&client_secret=sandbox-secret")).build());
            String token = JSON.readTree(t.body()).get("access_token").asText();
            HttpResponse<String> r = send(authorized(HttpRequest.newBuilder(URI.create(custom.baseUrl() + "?request="
                    + URLEncoder.encode("{\"ProcName\":\"TAP_GET_CUSTOMERS_API\",\"ProcRequester\":\"TAP\"}", StandardCharsets.UTF_8))), token)
                    .GET().build());
            assertThat(names(ok(r).get("resellers"))).containsExactly("Vermessung Zürich AG");
        }
        Files.writeString(file, "{\"manufacturerModels\": [\"R12\"], \"priceLists\": {}, \"resellers\": []}");
        assertThatThrownBy(() -> new TapSandbox(new TapSandboxSettings().cataloguePath(file.toString())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Manufacturer||Model");
    }

    // ---------------------------------------------------------------- operator endpoints, reset

    @Test
    void operatorListMasksDeviceKeysAndResetForgetsEverything() throws Exception {
        String token = token();
        ok(post("TAP_CREATE_ORDER_API", order("PO-16001", vrsLine(1, "VRS-99001")), token));
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(root() + "/sandbox/orders")).GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode orders = JSON.readTree(list.body());
        assertThat(orders).hasSize(1);
        assertThat(orders.at("/0/lines/0/deviceKey").asText()).isEqualTo("****");
        assertThat(orders.at("/0/status").asText()).isEqualTo("ORDER_CREATION_INPROGRESS");
        assertThat(list.body()).doesNotContain("VRS4567");

        tap.faults().rateLimitNext(5, 1);
        tap.reset();
        assertThat(tap.orders()).isEmpty();
        assertThat(tap.calls()).isEmpty();
        assertThat(tap.tokensIssued()).isZero();
        assertThat(get("TAP_GET_MFG_MODELS_API", null, token).statusCode()).isEqualTo(401);
        assertThat(get("TAP_GET_MFG_MODELS_API", null, token()).statusCode()).isEqualTo(200);
        tap.close();
        tap.close();
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode order(String po, ObjectNode... lines) {
        ObjectNode o = JSON.createObjectNode();
        o.put("customerPONumber", po);
        o.put("customerOrderRef", "ERP-" + po);
        o.put("currencyCode", "EUR");
        o.put("billToSiteUseId", 531807);
        o.put("shipToSiteUseId", "1913101");
        o.put("billToContactEmail", "einkauf@geomatik-nord.example");
        o.put("shipToContactEmail", "werkstatt@schreinerei-mueller.example");
        ArrayNode array = o.putArray("lines");
        for (ObjectNode l : lines) {
            array.add(l);
        }
        return o;
    }

    private static ObjectNode rtxLine(int lineNumber, String serial) {
        ObjectNode l = JSON.createObjectNode();
        l.put("lineNumber", lineNumber);
        l.put("serviceStartDate", TODAY_LA);
        l.put("partNumber", "128349-10");
        l.put("serialNumber", serial);
        l.put("serviceType", "RTX");
        l.put("manufacturerModel", "NAV-900");
        l.put("activationType", "IMMEDIATE");
        l.put("autoRenewal", "N");
        return l;
    }

    private static ObjectNode vrsLine(int lineNumber, String serial) {
        ObjectNode l = JSON.createObjectNode();
        l.put("lineNumber", String.valueOf(lineNumber));
        l.put("serviceStartDate", TODAY_LA);
        l.put("partNumber", "VRS-DE-12");
        l.put("serialNumber", serial);
        l.put("serviceType", "VRS");
        l.put("manufacturerModel", "R12i");
        l.put("activationType", "immediate");
        l.put("autoRenewal", "Y");
        l.put("geoFenceRegion", "R.DE.SAPOS(Germany SAPOS)");
        l.put("ssoUserEmailAddress", "m.mueller@schreinerei-mueller.example");
        l.put("simIncludedFlag", "Y");
        l.put("simNumber", "8001002000145236");
        l.put("deviceKey", "VRS4567");
        l.put("carrierName", "Telekom M2M");
        return l;
    }

    private String status(String uniqueId) {
        return tap.orders().stream().filter(o -> o.uniqueId().equals(uniqueId)).findFirst().orElseThrow().status();
    }

    private String token() throws Exception {
        HttpResponse<String> r = tokenRequest("grant_type=client_credentials&scope=tapstoreapis",
                basic("tap-bridge-sandbox", "sandbox-secret"));
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private HttpResponse<String> tokenRequest(String form, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tap.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private URI getUri(String procName, String request) {
        return rawUri("{\"ProcName\":\"" + procName + "\",\"ProcRequester\":\"TAP\""
                + (request == null ? "" : ",\"request\":" + request) + "}");
    }

    private URI rawUri(String envelope) {
        return URI.create(tap.baseUrl() + "?request=" + URLEncoder.encode(envelope, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String procName, String request, String token) throws Exception {
        return send(authorized(HttpRequest.newBuilder(getUri(procName, request)), token).GET().build());
    }

    private HttpRequest postRequest(String procName, JsonNode request, String token) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("ProcName", procName);
        envelope.put("ProcRequester", "TAP");
        envelope.set("request", request);
        return authorized(HttpRequest.newBuilder(URI.create(tap.baseUrl())), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope.toString())).build();
    }

    private HttpResponse<String> post(String procName, JsonNode request, String token) throws Exception {
        return send(postRequest(procName, request, token));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder b, String token) {
        return b.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String root() {
        return "http://127.0.0.1:" + tap.port();
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("statusCode").asText()).isEqualTo("200");
        assertThat(body.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(body.get("uniqueId").asText()).matches("\\d+");
        return body;
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("statusCode").asText()).isEqualTo("400");
        assertThat(body.get("status").asText()).isEqualTo("ERROR");
        assertThat(body.get("uniqueId").asText()).matches("\\d+");
        return body;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array.isArray()).as("errorMessage/list is an array: " + array).isTrue();
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> partNumbers(JsonNode products) {
        List<String> parts = new ArrayList<>();
        products.get("products").forEach(p -> parts.add(p.get("partNumber").asText()));
        return parts;
    }

    /** A clock a test can move; the sandbox reads it live. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
