package io.tapbridge.sandbox.tapio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The tapio sandbox over real HTTP: tokens, roles, the manufacturer and licensing routes, faults and latency. */
class TapioSandboxTest {

    private static final Instant NOW = Instant.parse("2025-05-12T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Seeded applications: both capabilities, MachineAssignable only, LimitedMachineAssignable only, none. */
    private static final String MACHINE_BOARD = "7f3a9c21-4b8e-4d2f-a6c1-93e0b5d7f102";
    private static final String MATERIAL_ASSIST = "2c8e41d7-95a3-4f60-b8d2-6e1f7a3c0b58";
    private static final String SERVICE_BOARD = "d41b7e93-0c6a-4a8f-9e25-b3f8c1a7d064";
    private static final String ANALYTICS = "9a6f2e08-3d71-4c95-8b4e-f0c2d9a1e7b3";
    /** Seeded customers 4711 and C-1002. */
    private static final String CUSTOMER_4711 = "b11fb489-6814-43b4-9803-b152812f441d";
    private static final String CUSTOMER_C1002 = "e3a7c519-62d0-4f8b-a1c4-8d5b0f29e6a7";
    private static final String UNKNOWN_GUID = "00000000-0000-4000-8000-000000000000";

    private static final String MACHINES = "/management/manufacturer/machines";
    private static final String CUSTOMERS = "/manufacturer/customerSubscriptions";
    private static final String CONNECTORS = "/management/manufacturer/connectors";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TapioSandbox tapio;
    private String manufacturer;
    private String developer;

    @BeforeEach
    void start() throws Exception {
        tapio = new TapioSandbox(new TapioSandboxSettings().clock(Clock.fixed(NOW, ZoneOffset.UTC)).pageSize(3)).start();
        manufacturer = token("tapio-manufacturer-sandbox", "sandbox-manufacturer-secret");
        developer = token("tapio-developer-sandbox", "sandbox-developer-secret");
    }

    @AfterEach
    void stop() {
        tapio.close();
    }

    // ---------------------------------------------------------------- token endpoints

    @Test
    void issuesV1TokensForTheResourceAsAzureAdDoes() throws Exception {
        HttpResponse<String> v1 = form(tapio.tokenUrl(), "grant_type=client_credentials&client_id=tapio-manufacturer-sandbox"
                + "&client_secret=sandbox-manufacturer-secret&resource=" + enc(tapio.settings().resource()), null);
        assertThat(v1.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(v1.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        // Azure AD v1 answers its numbers as strings
        assertThat(body.get("expires_in").isTextual()).isTrue();
        assertThat(body.get("expires_in").asText()).isEqualTo("3600");
        assertThat(body.get("expires_on").asLong()).isEqualTo(NOW.getEpochSecond() + 3600);
        assertThat(body.get("resource").asText()).isEqualTo("https://tapiousers.onmicrosoft.com/ManagementApiGateway");
        assertThat(v1.headers().firstValue("Cache-Control")).hasValue("no-store");

        String token = body.get("access_token").asText();
        assertThat(get(MACHINES + "/tdmnone", token).statusCode()).isEqualTo(404);
        assertThat(tapio.tokensIssued("tapio-manufacturer-sandbox")).isEqualTo(2);
        assertThat(tapio.calls()).extracting(TapioCall::method, TapioCall::path, TapioCall::role, TapioCall::status)
                .endsWith(tuple("POST", "/tapiousers.onmicrosoft.com/oauth2/token", "manufacturer", 200),
                        tuple("GET", MACHINES + "/tdmnone", "manufacturer", 404));
    }

    @Test
    void issuesV2TokensForTheScopeWithFormFieldsOrBasicAuth() throws Exception {
        String scope = enc(tapio.settings().resource() + "/.default");
        HttpResponse<String> viaForm = form(tapio.tokenUrlV2(), "grant_type=client_credentials&client_id=tapio-developer-sandbox"
                + "&client_secret=sandbox-developer-secret&scope=" + scope, null);
        assertThat(viaForm.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(viaForm.body());
        assertThat(body.get("expires_in").isNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.has("resource")).isFalse();

        HttpResponse<String> viaBasic = form(tapio.tokenUrlV2(), "grant_type=client_credentials&scope=" + scope,
                basic("tapio-manufacturer-sandbox", "sandbox-manufacturer-secret"));
        assertThat(viaBasic.statusCode()).isEqualTo(200);
        String basicToken = JSON.readTree(viaBasic.body()).get("access_token").asText();
        assertThat(get("/management/manufacturer/applications/" + MACHINE_BOARD, basicToken).statusCode()).isEqualTo(200);

        assertThat(tapio.tokensIssued("tapio-developer-sandbox")).isEqualTo(2);
        assertThat(tapio.tokensIssued("tapio-manufacturer-sandbox")).isEqualTo(2);
        assertThat(tapio.calls("POST", ".*/oauth2/v2\\.0/token")).isEqualTo(4);
    }

    @Test
    void refusesBadClientsResourcesScopesAndTenants() throws Exception {
        String resource = enc(tapio.settings().resource());
        HttpResponse<String> badSecret = form(tapio.tokenUrl(), "grant_type=client_credentials&client_id=tapio-developer-sandbox"
                + "&client_secret=wrong&resource=" + resource, null);
        assertThat(badSecret.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(badSecret.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(badSecret.body()).doesNotContain("wrong").doesNotContain("sandbox-developer-secret");

        HttpResponse<String> unknown = form(tapio.tokenUrl(), "grant_type=client_credentials&resource=" + resource,
                basic("someone", "sandbox-developer-secret"));
        assertThat(unknown.statusCode()).isEqualTo(401);

        HttpResponse<String> wrongResource = form(tapio.tokenUrl(), "grant_type=client_credentials&resource="
                + enc("https://graph.microsoft.com"), basic("tapio-developer-sandbox", "sandbox-developer-secret"));
        assertThat(wrongResource.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongResource.body()).get("error").asText()).isEqualTo("invalid_resource");

        HttpResponse<String> noDefault = form(tapio.tokenUrlV2(), "grant_type=client_credentials&scope=" + resource,
                basic("tapio-developer-sandbox", "sandbox-developer-secret"));
        assertThat(noDefault.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noDefault.body()).get("error").asText()).isEqualTo("invalid_scope");

        HttpResponse<String> wrongScope = form(tapio.tokenUrlV2(), "grant_type=client_credentials&scope="
                + enc("https://tapiousers.onmicrosoft.com/Other/.default"), basic("tapio-developer-sandbox", "sandbox-developer-secret"));
        assertThat(JSON.readTree(wrongScope.body()).get("error").asText()).isEqualTo("invalid_resource");

        HttpResponse<String> tenant = form(tapio.baseUrl() + "/contoso.onmicrosoft.com/oauth2/token",
                "grant_type=client_credentials&resource=" + resource, basic("tapio-developer-sandbox", "sandbox-developer-secret"));
        assertThat(tenant.statusCode()).isEqualTo(400);

        // only the two tokens of start()
        assertThat(tapio.tokensIssued("tapio-developer-sandbox")).isEqualTo(1);
        assertThat(tapio.calls()).filteredOn(c -> c.status() == 401).extracting(TapioCall::role).containsOnlyNulls();
    }

    @Test
    void refusesMissingUnknownAndExpiredTokens() throws Exception {
        String path = "/management/manufacturer/applications/" + MACHINE_BOARD;
        HttpResponse<String> none = get(path, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("message").asText()).contains("Unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(get(path, "not-a-token").statusCode()).isEqualTo(401);

        assertThat(get(path, manufacturer).statusCode()).isEqualTo(200);
        tapio.expireTokens();
        HttpResponse<String> expired = get(path, manufacturer);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");

        String fresh = token("tapio-manufacturer-sandbox", "sandbox-manufacturer-secret");
        assertThat(get(path, fresh).statusCode()).isEqualTo(200);
        tapio.advanceTime(Duration.ofMinutes(61));
        assertThat(get(path, fresh).statusCode()).isEqualTo(401);

        assertThat(tapio.calls()).filteredOn(c -> c.path().equals(path))
                .extracting(TapioCall::role, TapioCall::status)
                .containsExactly(tuple(null, 401), tuple(null, 401), tuple("manufacturer", 200), tuple("manufacturer", 401),
                        tuple("manufacturer", 200), tuple("manufacturer", 401));
    }

    // ---------------------------------------------------------------- roles

    @Test
    void keepsLicencesForDevelopersAndEverythingElseForTheManufacturer() throws Exception {
        String tmid = createMachine("SN-ROLE-1");
        HttpResponse<String> licenceAsManufacturer = post(licensePath(MACHINE_BOARD, tmid), manufacturer,
                license("L-1", 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00"));
        assertThat(licenceAsManufacturer.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(licenceAsManufacturer.body()).get("message").asText())
                .contains("requires a developer subscription's client");
        assertThat(get("/management/applications/" + MACHINE_BOARD + "/machines/licenses", manufacturer).statusCode()).isEqualTo(403);

        HttpResponse<String> machineAsDeveloper = post(MACHINES, developer, "{\"displayName\":\"X\",\"serialNumber\":\"SN-ROLE-2\"}");
        assertThat(machineAsDeveloper.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(machineAsDeveloper.body()).get("message").asText()).contains("requires the manufacturer's client");
        assertThat(get(CUSTOMERS + "?customerNumber=4711", developer).statusCode()).isEqualTo(403);

        assertThat(tapio.licenses()).isEmpty();
        assertThat(tapio.machines()).extracting(SandboxMachine::tmid).containsExactly(tmid);
        assertThat(tapio.calls()).filteredOn(c -> c.status() == 403).extracting(TapioCall::role)
                .containsExactly("manufacturer", "manufacturer", "developer", "developer");
    }

    // ---------------------------------------------------------------- customers

    @Test
    void findsCustomersByCustomerNumber() throws Exception {
        JsonNode found = ok(get(CUSTOMERS + "?customerNumber=4711", manufacturer));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("subscriptionId").asText()).isEqualTo(CUSTOMER_4711);
        assertThat(found.get(0).get("name").asText()).isEqualTo("Digital wood works GmbH");
        assertThat(ok(get(CUSTOMERS + "?customerNumber=C-1002", manufacturer)).get(0).get("subscriptionId").asText())
                .isEqualTo(CUSTOMER_C1002);
        assertThat(ok(get(CUSTOMERS + "?customerNumber=9999", manufacturer))).isEmpty();
        HttpResponse<String> missing = get(CUSTOMERS, manufacturer);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(details(missing)).anyMatch(d -> d.startsWith("customerNumber:"));
        assertThat(tapio.customers()).extracting(SandboxCustomer::customerNumber, SandboxCustomer::locale, SandboxCustomer::timeZone)
                .containsExactly(tuple("4711", "de-DE", "W. Europe Standard Time"), tuple("C-1002", "en-US", "Pacific Standard Time"));
    }

    @Test
    void createsCustomersAndAnswersTheirApplicationSettings() throws Exception {
        HttpResponse<String> created = post(CUSTOMERS, manufacturer, customer("4712", "john.doe@woodworks.example", "DE", "DE 318235125",
                "0020 001221312312", "\"applicationSettings\": {\"timeZone\": \"Central America Standard Time\"},"));
        assertThat(created.statusCode()).isEqualTo(201);
        String sid = JSON.readTree(created.body()).get("subscriptionId").asText();

        assertThat(ok(get(CUSTOMERS + "?customerNumber=4712", manufacturer)).get(0).get("subscriptionId").asText()).isEqualTo(sid);
        JsonNode settings = ok(get(CUSTOMERS + "/" + sid + "/applicationSettings", manufacturer));
        assertThat(settings.get("subscriptionId").asText()).isEqualTo(sid);
        assertThat(settings.get("countryId").asText()).isEqualTo("DE");
        assertThat(settings.get("internationalization").get("locale").asText()).isEqualTo("de-DE");
        assertThat(settings.get("internationalization").get("timeZone").asText()).isEqualTo("Central America Standard Time");
        assertThat(settings.get("internationalization").get("currency").asText()).isEqualTo("EUR");
        assertThat(settings.get("internationalization").get("systemOfUnits").asText()).isEqualTo("Metric");
        assertThat(settings.get("internationalization").get("paperFormat").asText()).isEqualTo("A4");
        assertThat(settings.get("logo").isNull()).isTrue();

        // a US customer without a time zone gets the country's defaults
        HttpResponse<String> us = post(CUSTOMERS, manufacturer, customer("US-7", "ops@mill.example", "us", "94-1111111", "001 503 555 0100", ""));
        assertThat(us.statusCode()).isEqualTo(201);
        String usSid = JSON.readTree(us.body()).get("subscriptionId").asText();
        JsonNode usSettings = ok(get(CUSTOMERS + "/" + usSid + "/applicationSettings", manufacturer)).get("internationalization");
        assertThat(usSettings.get("timeZone").asText()).isEqualTo("Eastern Standard Time");
        assertThat(usSettings.get("paperFormat").asText()).isEqualTo("Letter");
        assertThat(usSettings.get("currency").asText()).isEqualTo("USD");

        assertThat(get(CUSTOMERS + "/" + UNKNOWN_GUID + "/applicationSettings", manufacturer).statusCode()).isEqualTo(404);
        assertThat(tapio.customers()).hasSize(4);
        SandboxCustomer c = tapio.customers().get(2);
        assertThat(c.subscriptionId()).isEqualTo(sid);
        assertThat(c.adminUserEmail()).isEqualTo("john.doe@woodworks.example");
        assertThat(c.companyName()).isEqualTo("Digital wood works 4712 GmbH");
        assertThat(c.countryId()).isEqualTo("DE");
        assertThat(c.seeded()).isFalse();
        assertThat(tapio.customers().get(3).countryId()).isEqualTo("US");
    }

    @Test
    void refusesCustomersThatBreakTheRules() throws Exception {
        HttpResponse<String> phone = post(CUSTOMERS, manufacturer, customer("5001", "a@b.example", "DE", "DE318235124", "+49 7452 1234", ""));
        assertThat(phone.statusCode()).isEqualTo(400);
        assertThat(details(phone)).containsExactly("telVoice: must start with 00 (international format, e.g. 0049 7452 84700)");

        HttpResponse<String> many = post(CUSTOMERS, manufacturer, customer("5001", "not-an-email", "Germany", "DE318235124", "0049 7452 1234",
                "\"applicationSettings\": {\"timeZone\": \"Europe/Berlin\"},"));
        assertThat(many.statusCode()).isEqualTo(400);
        assertThat(details(many)).anyMatch(d -> d.startsWith("adminUsereMail:"))
                .anyMatch(d -> d.startsWith("companyCountry:"))
                .anyMatch(d -> d.startsWith("applicationSettings.timeZone:"));

        HttpResponse<String> vat = post(CUSTOMERS, manufacturer, customer("5001", "a@b.example", "AT", "DE318235124", "0043 1 234567", ""));
        assertThat(details(vat)).singleElement().asString().startsWith("companyVat:").contains("VIES");

        String misspelt = customer("5001", "a@b.example", "DE", "DE318235124", "0049 7452 1234", "")
                .replace("adminUsereMail", "adminUserEmail");
        assertThat(details(post(CUSTOMERS, manufacturer, misspelt)))
                .contains("adminUserEmail: is not a known field; did you mean 'adminUsereMail'?", "adminUsereMail: is required");

        String nested = customer("5001", "a@b.example", "DE", "DE318235124", "0049 7452 1234",
                "\"applicationSettings\": {\"timeZone\": \"UTC\", \"customerNumber\": \"5002\"},");
        assertThat(details(post(CUSTOMERS, manufacturer, nested))).contains("applicationSettings.customerNumber: is not a known field");

        assertThat(post(CUSTOMERS, manufacturer, "[1,2]").statusCode()).isEqualTo(400);
        assertThat(send("POST", CUSTOMERS, manufacturer, "customerNumber=1", "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
        assertThat(tapio.customers()).hasSize(2);
    }

    @Test
    void refusesTakenNumbersTakenAdminsAndEmbargoedCountries() throws Exception {
        HttpResponse<String> number = post(CUSTOMERS, manufacturer, customer("4711", "new@admin.example", "DE", "DE318235124", "0049 7452 1234", ""));
        assertThat(number.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(number.body()).get("message").asText()).contains("customerNumber '4711' already exists");

        HttpResponse<String> admin = post(CUSTOMERS, manufacturer, customer("6001", "Anna.Schreiner@digital-woodworks.example", "DE",
                "DE318235124", "0049 7452 1234", ""));
        assertThat(admin.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(admin.body()).get("message").asText()).contains("already administrator in another subscription");

        HttpResponse<String> embargo = post(CUSTOMERS, manufacturer, customer("6002", "kim@pyongyang.example", "KP", "KP-1", "00850 2 1234567", ""));
        assertThat(embargo.statusCode()).isEqualTo(451);
        assertThat(details(embargo)).containsExactly("companyCountry: KP is under embargo");
        assertThat(tapio.customers()).extracting(SandboxCustomer::customerNumber).containsExactly("4711", "C-1002");
    }

    @Test
    void recordsMailsToCustomers() throws Exception {
        String mail = """
                {"content": "The <b>new</b> application is awesome!", "subject": "A new application",
                 "locale": "en-US", "bccAddress": "sales@manufacturer.example"}""";
        assertThat(post(CUSTOMERS + "/" + CUSTOMER_C1002 + "/sendMail", manufacturer, mail).statusCode()).isEqualTo(202);
        HttpResponse<String> noSubject = post(CUSTOMERS + "/" + CUSTOMER_4711 + "/sendMail", manufacturer,
                "{\"content\": \"Hallo\", \"locale\": \"de-DE\"}");
        assertThat(noSubject.statusCode()).isEqualTo(400);
        assertThat(details(noSubject)).containsExactly("subject: is required");
        assertThat(post(CUSTOMERS + "/" + UNKNOWN_GUID + "/sendMail", manufacturer, mail).statusCode()).isEqualTo(404);
        assertThat(tapio.mails()).containsExactly(new SandboxMail(CUSTOMER_C1002, "A new application",
                "The <b>new</b> application is awesome!", "en-US", "sales@manufacturer.example"));
    }

    // ---------------------------------------------------------------- machines

    @Test
    void createsGetsUpdatesAndDeletesMachines() throws Exception {
        HttpResponse<String> created = post(MACHINES, manufacturer, """
                {"displayName": "Test Machine", "serialNumber": "1122334455667788", "deviceSubType": "Edge"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("tmid").asText()).isEqualTo("tdm1122334455667788");
        HttpResponse<String> again = post(MACHINES, manufacturer, "{\"displayName\": \"Again\", \"serialNumber\": \"1122334455667788\"}");
        assertThat(again.statusCode()).isEqualTo(409);

        JsonNode model = ok(get(MACHINES + "/tdm1122334455667788", manufacturer));
        assertThat(model.get("tmid").asText()).isEqualTo("tdm1122334455667788");
        assertThat(model.get("displayName").asText()).isEqualTo("Test Machine");
        assertThat(model.get("createdAt").asText()).isEqualTo("2025-05-12T09:00:00.0000000+00:00");
        assertThat(model.get("deviceType").asText()).isEqualTo("Machine");
        assertThat(model.get("deviceSubType").asText()).isEqualTo("Edge");
        assertThat(model.get("isMassDevice").asBoolean()).isFalse();
        assertThat(model.get("cc")).isEmpty();
        assertThat(model.get("isTapioReady").asBoolean()).isTrue();

        HttpResponse<String> patched = send("PATCH", MACHINES + "/tdm1122334455667788", manufacturer, """
                [{"op": "replace", "path": "/displayName", "value": "New DisplayName"},
                 {"op": "add", "path": "/deviceType", "value": "SmartDevice"},
                 {"op": "remove", "path": "/deviceSubType"},
                 {"op": "replace", "path": "/isTapioReady", "value": false}]""", "application/json-patch+json");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(patched.body()).get("isMassDevice").asBoolean()).isTrue();
        assertThat(tapio.machine("tdm1122334455667788")).hasValueSatisfying(m -> {
            assertThat(m.displayName()).isEqualTo("New DisplayName");
            assertThat(m.deviceType()).isEqualTo("SmartDevice");
            assertThat(m.deviceSubType()).isNull();
            assertThat(m.isTapioReady()).isFalse();
            assertThat(m.serialNumber()).isEqualTo("1122334455667788");
        });

        HttpResponse<String> serial = send("PATCH", MACHINES + "/tdm1122334455667788", manufacturer, """
                [{"op": "replace", "path": "/displayName", "value": "Lost"},
                 {"op": "replace", "path": "/serialNumber", "value": "1"},
                 {"op": "move", "path": "/deviceType", "from": "/deviceSubType"}]""", "application/json");
        assertThat(serial.statusCode()).isEqualTo(400);
        assertThat(details(serial)).contains("[2].from: is not supported; only add, remove and replace with op, path and value")
                .anyMatch(d -> d.startsWith("[2].op:"));
        assertThat(tapio.machine("tdm1122334455667788").orElseThrow().displayName()).isEqualTo("New DisplayName");

        assertThat(delete(MACHINES + "/tdm1122334455667788", manufacturer).statusCode()).isEqualTo(204);
        assertThat(tapio.machine("tdm1122334455667788")).isEmpty();
        assertThat(delete(MACHINES + "/tdm1122334455667788", manufacturer).statusCode()).isEqualTo(404);
        assertThat(get(MACHINES + "/tdm1122334455667788", manufacturer).statusCode()).isEqualTo(404);
    }

    @Test
    void validatesNewMachines() throws Exception {
        HttpResponse<String> bad = post(MACHINES, manufacturer, """
                {"serialNumber": "SN 1/2", "deviceType": "Robot", "isTapioReady": "yes", "color": "red"}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(details(bad)).contains("color: is not a known field", "displayName: is required",
                        "deviceType: 'Robot' is not valid (Machine, SmartDevice)", "isTapioReady: must be true or false")
                .anyMatch(d -> d.startsWith("serialNumber: 'SN 1/2' cannot be a tmidPostfix"));

        HttpResponse<String> limited = post(MACHINES, manufacturer, """
                {"displayName": "Edge bander", "serialNumber": "SN 1/2", "tmidPostfix": "edge-12", "isTapioReady": false,
                 "deviceType": "SmartDevice"}""");
        assertThat(limited.statusCode()).isEqualTo(201);
        assertThat(tapio.machines()).singleElement().satisfies(m -> {
            assertThat(m.tmid()).isEqualTo("tdmedge-12");
            assertThat(m.tmidPostfix()).isEqualTo("edge-12");
            assertThat(m.serialNumber()).isEqualTo("SN 1/2");
            assertThat(m.isTapioReady()).isFalse();
            assertThat(m.isMassDevice()).isTrue();
            assertThat(m.onboardedIn()).isNull();
            assertThat(m.everOnboarded()).isFalse();
        });
    }

    @Test
    void deletesOnlyMachinesThatWereNeverOnboarded() throws Exception {
        String tmid = createMachine("SN-DEL-1");
        onboard(tmid, CUSTOMER_4711);
        HttpResponse<String> onboarded = delete(MACHINES + "/" + tmid, manufacturer);
        assertThat(onboarded.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(onboarded.body()).get("message").asText()).contains("can be deleted only if it is not onboarded yet");

        assertThat(delete(MACHINES + "/" + tmid + "/onboarding", manufacturer).statusCode()).isEqualTo(204);
        HttpResponse<String> offboarded = delete(MACHINES + "/" + tmid, manufacturer);
        assertThat(offboarded.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(offboarded.body()).get("message").asText()).contains("was onboarded before");
        assertThat(tapio.machine(tmid)).hasValueSatisfying(m -> {
            assertThat(m.onboardedIn()).isNull();
            assertThat(m.everOnboarded()).isTrue();
        });
    }

    @Test
    void answersApplicationCapabilities() throws Exception {
        assertThat(texts(ok(get("/management/manufacturer/applications/" + MACHINE_BOARD, manufacturer)).get("capabilities")))
                .containsExactly("MachineAssignable", "LimitedMachineAssignable");
        assertThat(texts(ok(get("/management/manufacturer/applications/" + MATERIAL_ASSIST, manufacturer)).get("capabilities")))
                .containsExactly("MachineAssignable");
        assertThat(texts(ok(get("/management/manufacturer/applications/" + SERVICE_BOARD.toUpperCase(), manufacturer)).get("capabilities")))
                .containsExactly("LimitedMachineAssignable");
        assertThat(ok(get("/management/manufacturer/applications/" + ANALYTICS, manufacturer)).get("capabilities")).isEmpty();
        assertThat(get("/management/manufacturer/applications/" + UNKNOWN_GUID, manufacturer).statusCode()).isEqualTo(404);
        assertThat(tapio.applications()).extracting(SandboxApplication::id)
                .containsExactly(MACHINE_BOARD, MATERIAL_ASSIST, SERVICE_BOARD, ANALYTICS);
    }

    // ---------------------------------------------------------------- onboarding

    @Test
    void onboardsOnceAndRefusesBlockedMachinesAndMachinesOfOtherCustomers() throws Exception {
        String tmid = createMachine("SN-ON-1");
        String body = "{\"customerSubscriptionId\": \"" + CUSTOMER_4711 + "\", \"machineName\": \"Kantenanleimer Halle 2\"}";
        assertThat(put(MACHINES + "/" + tmid + "/onboarding", manufacturer, body).statusCode()).isEqualTo(201);
        assertThat(put(MACHINES + "/" + tmid + "/onboarding", manufacturer, body).statusCode()).isEqualTo(200);

        HttpResponse<String> elsewhere = put(MACHINES + "/" + tmid + "/onboarding", manufacturer,
                "{\"customerSubscriptionId\": \"" + CUSTOMER_C1002 + "\", \"machineName\": \"Edge\"}");
        assertThat(elsewhere.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(elsewhere.body()).get("message").asText()).contains("already onboarded in another customer subscription");

        String blocked = createMachine("BLOCKED-77");
        HttpResponse<String> refused = put(MACHINES + "/" + blocked + "/onboarding", manufacturer, body);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("message").asText()).contains("is blocked");

        assertThat(put(MACHINES + "/tdmnothing/onboarding", manufacturer, body).statusCode()).isEqualTo(404);
        assertThat(put(MACHINES + "/" + blocked + "/onboarding", manufacturer,
                "{\"customerSubscriptionId\": \"" + UNKNOWN_GUID + "\", \"machineName\": \"X\"}").statusCode()).isEqualTo(404);
        assertThat(details(put(MACHINES + "/" + blocked + "/onboarding", manufacturer, "{\"customerSubscriptionId\": \"4711\"}")))
                .containsExactly("customerSubscriptionId: '4711' is not a valid Guid", "machineName: is required");

        assertThat(tapio.machine(tmid)).contains(new SandboxMachine(tmid, "SN-ON-1", "Machine SN-ON-1", "Machine", null, "SN-ON-1",
                true, CUSTOMER_4711, true, "Kantenanleimer Halle 2"));
        assertThat(tapio.machine(blocked).orElseThrow().onboardedIn()).isNull();
    }

    @Test
    void renamesMachinesWhereTheyAreOnboarded() throws Exception {
        String tmid = createMachine("SN-REN-1");
        onboard(tmid, CUSTOMER_4711);
        assertThat(put(MACHINES + "/" + tmid + "/renaming", manufacturer,
                "{\"customerSubscriptionId\": \"" + CUSTOMER_4711 + "\", \"displayName\": \"Säge 3\"}").statusCode()).isEqualTo(204);
        assertThat(put(MACHINES + "/" + tmid + "/renaming", manufacturer,
                "{\"customerSubscriptionId\": \"" + CUSTOMER_C1002 + "\", \"displayName\": \"Saw 3\"}").statusCode()).isEqualTo(404);
        assertThat(tapio.machine(tmid).orElseThrow().customerDisplayName()).isEqualTo("Säge 3");
        assertThat(tapio.machine(tmid).orElseThrow().displayName()).isEqualTo("Machine SN-REN-1");
    }

    @Test
    void offboardsOnlyMachinesThatAreAssignedToNoApplication() throws Exception {
        String tmid = createMachine("SN-OFF-1");
        onboard(tmid, CUSTOMER_4711);
        createLicense(MACHINE_BOARD, tmid, 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        acceptTerms(CUSTOMER_4711, MACHINE_BOARD);
        assertThat(assign(tmid, CUSTOMER_4711, MACHINE_BOARD).statusCode()).isEqualTo(201);

        HttpResponse<String> assigned = delete(MACHINES + "/" + tmid + "/onboarding", manufacturer);
        assertThat(assigned.statusCode()).isEqualTo(409);
        assertThat(tapio.machine(tmid).orElseThrow().onboardedIn()).isEqualTo(CUSTOMER_4711);

        assertThat(unassign(tmid, CUSTOMER_4711, MACHINE_BOARD).statusCode()).isEqualTo(204);
        assertThat(delete(MACHINES + "/" + tmid + "/onboarding", manufacturer).statusCode()).isEqualTo(204);
        assertThat(delete(MACHINES + "/" + tmid + "/onboarding", manufacturer).statusCode()).isEqualTo(404);
        assertThat(tapio.machine(tmid).orElseThrow().onboardedIn()).isNull();
        assertThat(tapio.assignments()).isEmpty();
    }

    // ---------------------------------------------------------------- connectors

    @Test
    void createsConnectorsWhoseConfigurationIsAvailableForOneHour() throws Exception {
        String tmid = createMachine("SN-CC-1");
        HttpResponse<String> created = post(CONNECTORS, manufacturer, "{\"displayName\": \"CloudConnector\", \"tmids\": [\"" + tmid + "\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String ccid = JSON.readTree(created.body()).get("ccid").asText();
        assertThat(ccid).hasSize(86).matches("[A-Za-z0-9_-]+");

        JsonNode cc = ok(get(MACHINES + "/" + tmid, manufacturer)).get("cc");
        assertThat(cc).hasSize(1);
        assertThat(cc.get(0).get("ccid").asText()).isEqualTo(ccid);
        assertThat(cc.get(0).get("displayName").asText()).isEqualTo("CloudConnector");

        tapio.advanceTime(Duration.ofMinutes(59));
        HttpResponse<String> config = get(CONNECTORS + "/" + ccid + "/configuration", manufacturer);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        SandboxConnector connector = tapio.connectors().get(0);
        assertThat(config.body()).startsWith("<?xml").contains("<ConnectorId>" + ccid + "</ConnectorId>")
                .contains("<TMID>" + tmid + "</TMID>")
                .contains("<ConnectorCertThumbprint>" + connector.clientCertificateThumbprint() + "</ConnectorCertThumbprint>")
                .contains("<ManufacturerSubscriptionId>" + tapio.manufacturerSubscriptionId() + "</ManufacturerSubscriptionId>");
        assertThat(connector.clientCertificateThumbprint()).matches("[0-9A-F]{40}");
        assertThat(connector.certificateGenerated()).isTrue();

        tapio.advanceTime(Duration.ofMinutes(2));
        assertThat(get(CONNECTORS + "/" + ccid + "/configuration", manufacturer).statusCode()).isEqualTo(401); // tokens live 1 h too
        freshTokens();
        HttpResponse<String> gone = get(CONNECTORS + "/" + ccid + "/configuration", manufacturer);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(gone.body()).get("message").asText()).contains("was deleted one hour after");

        HttpResponse<String> unknown = post(CONNECTORS, manufacturer, "{\"displayName\": \"CC\", \"tmids\": [\"" + tmid + "\", \"tdmghost\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(details(unknown)).containsExactly("tmids[1]: machine 'tdmghost' does not exist");
        assertThat(tapio.connectors()).extracting(SandboxConnector::ccid, SandboxConnector::tmids, SandboxConnector::createdAt)
                .containsExactly(tuple(ccid, List.of(tmid), NOW));
    }

    @Test
    void getsAndPatchesConnectors() throws Exception {
        String first = createMachine("SN-CC-2");
        String second = createMachine("SN-CC-3");
        String ccid = JSON.readTree(post(CONNECTORS, manufacturer, "{\"displayName\": \"CC\", \"tmids\": [\"" + first + "\"],"
                + " \"publicClientCertificate\": \"MIIBszCCAVmgAwIBAgIU\"}").body()).get("ccid").asText();
        JsonNode model = ok(get(CONNECTORS + "/" + ccid, manufacturer));
        assertThat(model.get("cloudConnectorId").asText()).isEqualTo(ccid);
        assertThat(model.get("manufacturerSubscriptionId").asText()).isEqualTo(tapio.manufacturerSubscriptionId());
        assertThat(model.get("createdDate").asText()).isEqualTo("2025-05-12T09:00:00.0000000+00:00");
        assertThat(texts(model.get("tmids"))).containsExactly(first);

        HttpResponse<String> patched = send("PATCH", CONNECTORS + "/" + ccid, manufacturer, """
                [{"op": "add", "path": "/tmids/-", "value": "%s"},
                 {"op": "replace", "path": "/displayName", "value": "Line 2"}]""".formatted(second), "application/json-patch+json");
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(texts(JSON.readTree(patched.body()).get("tmids"))).containsExactly(first, second);
        assertThat(ok(get(MACHINES + "/" + second, manufacturer)).get("cc").get(0).get("displayName").asText()).isEqualTo("Line 2");

        HttpResponse<String> bad = send("PATCH", CONNECTORS + "/" + ccid, manufacturer, """
                [{"op": "add", "path": "/tmids/-", "value": "tdmghost"},
                 {"op": "add", "path": "/tmids/0", "value": "%s"},
                 {"op": "replace", "path": "/createdDate", "value": "2020-01-01"}]""".formatted(first), "application/json-patch+json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(details(bad)).containsExactly("[0].value: machine 'tdmghost' does not exist",
                "[1].value: machine '" + first + "' is already served by this connector",
                "[2].path: '/createdDate' cannot be updated; only /displayName and /tmids can");

        assertThat(send("PATCH", CONNECTORS + "/" + ccid, manufacturer, "[{\"op\": \"remove\", \"path\": \"/tmids/0\"}]",
                "application/json-patch+json").statusCode()).isEqualTo(200);
        assertThat(get(CONNECTORS + "/unknown", manufacturer).statusCode()).isEqualTo(404);
        assertThat(tapio.connectors()).singleElement().satisfies(c -> {
            assertThat(c.displayName()).isEqualTo("Line 2");
            assertThat(c.tmids()).containsExactly(second);
            assertThat(c.certificateGenerated()).isFalse();
        });
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void storesMetadataForAllApplicationsAndForOne() throws Exception {
        String tmid = createMachine("SN-META-1");
        String global = MACHINES + "/" + tmid + "/metadata/global/keys/displaytemplate";
        assertThat(post(global, manufacturer, "{\"template\": \"v1\"}").statusCode()).isEqualTo(201);
        assertThat(post(global, manufacturer, "{\"template\": \"v2\", \"rows\": [1, 2]}").statusCode()).isEqualTo(200);
        assertThat(ok(get(global, manufacturer)).get("template").asText()).isEqualTo("v2");

        String perApp = MACHINES + "/" + tmid + "/metadata/" + MACHINE_BOARD + "/keys/displaytemplate";
        assertThat(post(perApp, manufacturer, "[\"a\", \"b\"]").statusCode()).isEqualTo(201);
        assertThat(ok(get(perApp, manufacturer))).hasSize(2);

        assertThat(post(MACHINES + "/" + tmid + "/metadata/" + UNKNOWN_GUID + "/keys/k", manufacturer, "{}").statusCode()).isEqualTo(404);
        assertThat(post(MACHINES + "/tdmghost/metadata/global/keys/k", manufacturer, "{}").statusCode()).isEqualTo(404);
        assertThat(get(MACHINES + "/" + tmid + "/metadata/global/keys/missing", manufacturer).statusCode()).isEqualTo(404);
        assertThat(send("POST", global, manufacturer, "<template/>", "application/xml").statusCode()).isEqualTo(415);

        assertThat(tapio.metadata(tmid)).containsOnlyKeys("global/displaytemplate", MACHINE_BOARD + "/displaytemplate");
        assertThat(tapio.metadata(tmid).get("global/displaytemplate").get("rows")).hasSize(2);
    }

    @Test
    void pagesMetadataKeysInKeyOrder() throws Exception {
        String tmid = createMachine("SN-META-2");
        for (int i = 11; i >= 0; i--) {
            assertThat(post(MACHINES + "/" + tmid + "/metadata/global/keys/key" + (char) ('a' + i), manufacturer, "{}").statusCode())
                    .isEqualTo(201);
        }
        post(MACHINES + "/" + tmid + "/metadata/" + SERVICE_BOARD + "/keys/only", manufacturer, "1");

        JsonNode first = ok(get(MACHINES + "/" + tmid + "/metadata/global/keys", manufacturer));
        assertThat(first.get("totalCount").asInt()).isEqualTo(12);
        assertThat(first.get("results")).hasSize(10);
        assertThat(first.get("results").get(0).get("key").asText()).isEqualTo("keya");
        JsonNode rest = ok(get(MACHINES + "/" + tmid + "/metadata/global/keys?limit=5&offset=10", manufacturer));
        assertThat(rest.get("results")).extracting(n -> n.get("key").asText()).containsExactly("keyk", "keyl");
        JsonNode app = ok(get(MACHINES + "/" + tmid + "/metadata/" + SERVICE_BOARD + "/keys", manufacturer));
        assertThat(app.get("totalCount").asInt()).isEqualTo(1);
        assertThat(get(MACHINES + "/" + tmid + "/metadata/global/keys?limit=101", manufacturer).statusCode()).isEqualTo(400);
        assertThat(get(MACHINES + "/" + tmid + "/metadata/global/keys?offset=-1", manufacturer).statusCode()).isEqualTo(400);
        assertThat(tapio.metadata(tmid)).hasSize(13);
    }

    // ---------------------------------------------------------------- licences

    @Test
    void createsAndGetsLicencesUniquePerApplicationAndMachine() throws Exception {
        String tmid = createMachine("SN-LIC-1");
        HttpResponse<String> created = post(licensePath(MACHINE_BOARD, tmid), developer,
                license("serial.myapp.2345", 1, "2020-04-03T00:00:00", "2026-03-30T00:00:00+02:00"));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();

        JsonNode model = ok(get(licensePath(MACHINE_BOARD, tmid), developer));
        assertThat(model.get("id").asText()).isEqualTo(id);
        assertThat(model.get("tapioMachineId").asText()).isEqualTo(tmid);
        assertThat(model.get("applicationId").asText()).isEqualTo(MACHINE_BOARD);
        assertThat(model.get("createdAt").asText()).isEqualTo("2025-05-12T09:00:00.0000000+00:00");
        assertThat(model.get("data").get("validFrom").asText()).isEqualTo("2020-04-03T00:00:00");
        assertThat(model.get("data").get("validTo").asText()).isEqualTo("2026-03-30T00:00:00+02:00");
        assertThat(model.get("data").get("machineCount").asInt()).isEqualTo(1);

        HttpResponse<String> twice = post(licensePath(MACHINE_BOARD, tmid), developer, license("other", 2, "2025-01-01", "2026-01-01"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(twice.body()).get("message").asText()).contains("Each license is unique per application and machine");
        String body = license("x", 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        assertThat(post(licensePath(UNKNOWN_GUID, tmid), developer, body).statusCode()).isEqualTo(404);
        assertThat(post(licensePath(MACHINE_BOARD, "tdmghost"), developer, body).statusCode()).isEqualTo(404);
        assertThat(get(licensePath(MATERIAL_ASSIST, tmid), developer).statusCode()).isEqualTo(404);

        HttpResponse<String> invalid = post(licensePath(MATERIAL_ASSIST, tmid), developer, """
                {"data": {"name": "x", "issuedAt": "yesterday", "machineCount": 0, "serialNumber": "s",
                          "validFrom": "2025-06-01T00:00:00", "validTo": "2025-05-01T00:00:00"}}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(details(invalid)).containsExactly("data.issuedAt: 'yesterday' is not a date-time such as 2020-04-03T00:00:00",
                "data.machineCount: must be at least 1", "data.validTo: must be after validFrom");
        assertThat(details(post(licensePath(MATERIAL_ASSIST, tmid), developer, "{\"name\": \"x\"}")))
                .containsExactly("name: is not a known field", "data: is required");

        assertThat(tapio.licenses()).singleElement().satisfies(l -> {
            assertThat(l.id()).isEqualTo(id);
            assertThat(l.applicationId()).isEqualTo(MACHINE_BOARD);
            assertThat(l.tmid()).isEqualTo(tmid);
            assertThat(l.serialNumber()).isEqualTo("serial.myapp.2345");
            assertThat(l.validFrom()).isEqualTo(Instant.parse("2020-04-03T00:00:00Z"));
            assertThat(l.validTo()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
            assertThat(l.createdBy()).isEqualTo("developer");
        });
    }

    @Test
    void listsLicencesInPagesWithUrlEncodedContinuationTokens() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ids.add(createLicense(MATERIAL_ASSIST, createMachine("SN-PAGE-" + i), 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00"));
        }
        createLicense(SERVICE_BOARD, createMachine("SN-PAGE-OTHER"), 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");

        String list = "/management/applications/" + MATERIAL_ASSIST + "/machines/licenses";
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = "";
        do {
            JsonNode page = ok(get(list + "?continuationToken=" + enc(token), developer));
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            pageSizes.add(page.get("items").size());
            JsonNode next = page.get("pagination").get("continuationToken");
            token = next.isNull() ? "" : next.asText();
            if (!token.isEmpty()) {
                assertThat(token).startsWith("-RID:+/").endsWith("==");
            }
        } while (!token.isEmpty());
        assertThat(seen).isEqualTo(ids);
        assertThat(pageSizes).containsExactly(3, 3, 1);

        String second = JSON.readTree(get(list, developer).body()).get("pagination").get("continuationToken").asText();
        HttpResponse<String> unencoded = get(list + "?continuationToken=" + second, developer);
        assertThat(unencoded.statusCode()).isEqualTo(400);
        assertThat(details(unencoded)).singleElement().asString().contains("must be URL-encoded");
        assertThat(get("/management/applications/" + SERVICE_BOARD + "/machines/licenses?continuationToken=" + enc(second), developer)
                .statusCode()).isEqualTo(400);
        assertThat(ok(get("/management/applications/" + ANALYTICS + "/machines/licenses", developer)).get("items")).isEmpty();
        assertThat(get("/management/applications/" + UNKNOWN_GUID + "/machines/licenses", developer).statusCode()).isEqualTo(404);
        assertThat(tapio.licenses()).hasSize(8);
    }

    // ---------------------------------------------------------------- terms of use and assignment

    @Test
    void acceptsTermsOfUseOnBehalfOfCustomers() throws Exception {
        String path = termsPath(CUSTOMER_4711, MACHINE_BOARD);
        assertThat(put(path, manufacturer, "{\"versionNumber\": \"1.0.0\", \"contractNumber\": \"4711\", \"acceptedLanguage\": \"de\"}")
                .statusCode()).isEqualTo(201);
        assertThat(put(path, manufacturer, "{\"contractNumber\": \"4711-B\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> noContract = put(path, manufacturer, "{\"versionNumber\": \"1.0.0\"}");
        assertThat(noContract.statusCode()).isEqualTo(400);
        assertThat(details(noContract)).containsExactly("contractNumber: is required");
        HttpResponse<String> unknownVersion = put(path, manufacturer, "{\"versionNumber\": \"9.9.9\", \"contractNumber\": \"1\"}");
        assertThat(unknownVersion.statusCode()).isEqualTo(400);
        assertThat(details(unknownVersion)).singleElement().asString().startsWith("versionNumber:").contains("does not exist");
        assertThat(put(path, manufacturer, "{\"contractNumber\": \"1\", \"acceptedLanguage\": \"deu\"}").statusCode()).isEqualTo(400);
        assertThat(put(termsPath(UNKNOWN_GUID, MACHINE_BOARD), manufacturer, "{\"contractNumber\": \"1\"}").statusCode()).isEqualTo(404);
        assertThat(put(termsPath(CUSTOMER_4711, UNKNOWN_GUID), manufacturer, "{\"contractNumber\": \"1\"}").statusCode()).isEqualTo(404);

        // accepted again without a version: the latest, and the values are replaced
        assertThat(tapio.termsAccepted()).containsExactly(new SandboxTermsAcceptance(CUSTOMER_4711, MACHINE_BOARD, "4711-B", "2.0.0", null));
    }

    @Test
    void assignsAMachineOnceWithAFreeLicence() throws Exception {
        String tmid = readyMachine("SN-AS-1", CUSTOMER_4711);
        createLicense(MACHINE_BOARD, tmid, 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        acceptTerms(CUSTOMER_4711, MACHINE_BOARD);
        assertThat(assign(tmid, CUSTOMER_4711, MACHINE_BOARD).statusCode()).isEqualTo(201);
        assertThat(assign(tmid, CUSTOMER_4711, MACHINE_BOARD).statusCode()).isEqualTo(200);
        assertThat(tapio.assignments()).containsExactly(new SandboxAssignment(tmid, MACHINE_BOARD, CUSTOMER_4711));
        assertThat(tapio.calls("PUT", MACHINES + "/[^/]+/applicationassignment")).isEqualTo(2);

        assertThat(unassign(tmid, CUSTOMER_4711, MACHINE_BOARD).statusCode()).isEqualTo(204);
        HttpResponse<String> again = unassign(tmid, CUSTOMER_4711, MACHINE_BOARD);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(again.body()).get("message").asText()).contains("already unassigned");
        assertThat(send("DELETE", MACHINES + "/" + tmid + "/applicationassignment?applicationId=" + MACHINE_BOARD, manufacturer, null, null)
                .statusCode()).isEqualTo(400);
        assertThat(tapio.assignments()).isEmpty();
    }

    @Test
    void refusesAssignmentWithoutALicence() throws Exception {
        String tmid = readyMachine("SN-AS-2", CUSTOMER_4711);
        acceptTerms(CUSTOMER_4711, MACHINE_BOARD);
        HttpResponse<String> none = assign(tmid, CUSTOMER_4711, MACHINE_BOARD);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).get("message").asText())
                .contains("no free license for application '" + MACHINE_BOARD + "' in customer subscription '" + CUSTOMER_4711 + "'");

        // a licence whose machine is onboarded elsewhere is not the customer's either
        String foreign = readyMachine("SN-AS-3", CUSTOMER_C1002);
        createLicense(MACHINE_BOARD, foreign, 5, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        HttpResponse<String> elsewhere = assign(tmid, CUSTOMER_4711, MACHINE_BOARD);
        assertThat(elsewhere.statusCode()).isEqualTo(404);
        assertThat(details(elsewhere)).singleElement().asString().contains("not onboarded in this customer subscription");
        assertThat(tapio.assignments()).isEmpty();
    }

    @Test
    void refusesAssignmentWithAnExpiredLicence() throws Exception {
        String tmid = readyMachine("SN-AS-4", CUSTOMER_4711);
        createLicense(MACHINE_BOARD, tmid, 1, "2025-01-01T00:00:00", "2025-05-13T00:00:00");
        acceptTerms(CUSTOMER_4711, MACHINE_BOARD);
        tapio.advanceTime(Duration.ofDays(2));
        freshTokens();
        HttpResponse<String> expired = assign(tmid, CUSTOMER_4711, MACHINE_BOARD);
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(expired.body()).get("message").asText()).contains("no free license");
        assertThat(details(expired)).singleElement().asString().contains("not now");

        String later = readyMachine("SN-AS-5", CUSTOMER_4711);
        createLicense(MATERIAL_ASSIST, later, 1, "2026-01-01T00:00:00", "2027-01-01T00:00:00");
        acceptTerms(CUSTOMER_4711, MATERIAL_ASSIST);
        assertThat(assign(later, CUSTOMER_4711, MATERIAL_ASSIST).statusCode()).isEqualTo(404);
        assertThat(tapio.assignments()).isEmpty();
    }

    @Test
    void refusesAssignmentWhenTheMachineCountIsUsedUpByAnotherMachine() throws Exception {
        String licensed = readyMachine("SN-AS-6", CUSTOMER_4711);
        String other = readyMachine("SN-AS-7", CUSTOMER_4711);
        String licenseId = createLicense(MACHINE_BOARD, licensed, 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        acceptTerms(CUSTOMER_4711, MACHINE_BOARD);
        // "the customer is free to assign the license to any machine"
        assertThat(assign(other, CUSTOMER_4711, MACHINE_BOARD).statusCode()).isEqualTo(201);
        HttpResponse<String> usedUp = assign(licensed, CUSTOMER_4711, MACHINE_BOARD);
        assertThat(usedUp.statusCode()).isEqualTo(404);
        assertThat(details(usedUp)).containsExactly("license " + licenseId + " (machine " + licensed + "): its machineCount 1 is used up");
        assertThat(tapio.assignments()).containsExactly(new SandboxAssignment(other, MACHINE_BOARD, CUSTOMER_4711));
    }

    @Test
    void refusesAssignmentOfMachinesNotOnboardedThereOrOfTheWrongKindOrWithoutTerms() throws Exception {
        String tmid = readyMachine("SN-AS-8", CUSTOMER_4711);
        createLicense(MACHINE_BOARD, tmid, 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        HttpResponse<String> notThere = assign(tmid, CUSTOMER_C1002, MACHINE_BOARD);
        assertThat(notThere.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(notThere.body()).get("message").asText()).contains("is not onboarded in customer subscription");

        HttpResponse<String> noTerms = assign(tmid, CUSTOMER_4711, MACHINE_BOARD);
        assertThat(noTerms.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noTerms.body()).get("message").asText()).contains("terms of use").contains("have not been accepted");

        String limited = JSON.readTree(post(MACHINES, manufacturer,
                "{\"displayName\": \"Limited\", \"serialNumber\": \"SN-AS-9\", \"isTapioReady\": false}").body()).get("tmid").asText();
        onboard(limited, CUSTOMER_4711);
        createLicense(MATERIAL_ASSIST, limited, 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        acceptTerms(CUSTOMER_4711, MATERIAL_ASSIST);
        HttpResponse<String> wrongKind = assign(limited, CUSTOMER_4711, MATERIAL_ASSIST);
        assertThat(wrongKind.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongKind.body()).get("message").asText()).contains("limited machines")
                .contains("LimitedMachineAssignable");

        createLicense(SERVICE_BOARD, limited, 1, "2025-01-01T00:00:00", "2026-01-01T00:00:00");
        acceptTerms(CUSTOMER_4711, SERVICE_BOARD);
        assertThat(assign(limited, CUSTOMER_4711, SERVICE_BOARD).statusCode()).isEqualTo(201);
        assertThat(tapio.assignments()).containsExactly(new SandboxAssignment(limited, SERVICE_BOARD, CUSTOMER_4711));
    }

    // ---------------------------------------------------------------- faults, latency, paths

    @Test
    void failsRequestsWithoutEffect() throws Exception {
        tapio.faults().failNext("POST", MACHINES, 2, 503);
        HttpResponse<String> failed = post(MACHINES, manufacturer, "{\"displayName\": \"M\", \"serialNumber\": \"SN-F-1\"}");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(failed.body()).get("message").asText()).isEqualTo("Service Unavailable");
        assertThat(details(failed)).isNotEmpty();
        // another path does not consume the switch
        assertThat(get(CUSTOMERS + "?customerNumber=4711", manufacturer).statusCode()).isEqualTo(200);
        assertThat(post(MACHINES, manufacturer, "{\"displayName\": \"M\", \"serialNumber\": \"SN-F-1\"}").statusCode()).isEqualTo(503);
        assertThat(tapio.machines()).isEmpty();
        assertThat(post(MACHINES, manufacturer, "{\"displayName\": \"M\", \"serialNumber\": \"SN-F-1\"}").statusCode()).isEqualTo(201);
        assertThat(tapio.machines()).hasSize(1);
        assertThat(tapio.calls()).filteredOn(c -> c.path().equals(MACHINES)).containsExactly(
                new TapioCall("POST", MACHINES, null, "manufacturer", 503), new TapioCall("POST", MACHINES, null, "manufacturer", 503),
                new TapioCall("POST", MACHINES, null, "manufacturer", 201));
    }

    @Test
    void rateLimitsApiCallsWithRetryAfter() throws Exception {
        tapio.faults().rateLimitNext(2, 7);
        HttpResponse<String> limited = post(MACHINES, manufacturer, "{\"displayName\": \"M\", \"serialNumber\": \"SN-R-1\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        // the token endpoint is not rate limited and does not consume the switch
        assertThat(token("tapio-manufacturer-sandbox", "sandbox-manufacturer-secret")).isNotBlank();
        assertThat(get(CUSTOMERS + "?customerNumber=4711", manufacturer).statusCode()).isEqualTo(429);
        assertThat(tapio.machines()).isEmpty();
        assertThat(post(MACHINES, manufacturer, "{\"displayName\": \"M\", \"serialNumber\": \"SN-R-1\"}").statusCode()).isEqualTo(201);
        assertThat(tapio.machines()).hasSize(1);
    }

    @Test
    void slowAnswersComeAfterTheWorkIsDone() throws Exception {
        tapio.faults().slowNext("PUT", MACHINES + "/[^/]+/onboarding", 1, Duration.ofMillis(1500));
        String tmid = createMachine("SN-S-1");
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request("PUT", MACHINES + "/" + tmid + "/onboarding", manufacturer,
                "{\"customerSubscriptionId\": \"" + CUSTOMER_4711 + "\", \"machineName\": \"M\"}", "application/json"),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> tapio.machine(tmid).orElseThrow().onboardedIn() != null);
        assertThat(answer).isNotDone();
        assertThat(tapio.calls().get(tapio.calls().size() - 1).status()).isZero();
        assertThat(answer.get().statusCode()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(tapio.calls().get(tapio.calls().size() - 1).status()).isEqualTo(201);
    }

    @Test
    void answersNoSoonerThanTheLatency() throws Exception {
        tapio.settings().latency(Duration.ofMillis(300));
        long tokenStart = System.nanoTime();
        String token = token("tapio-developer-sandbox", "sandbox-developer-secret");
        assertThat(Duration.ofNanos(System.nanoTime() - tokenStart)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(get("/management/applications/" + ANALYTICS + "/machines/licenses", token).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        long refused = System.nanoTime();
        assertThat(get("/management/applications/" + ANALYTICS + "/machines/licenses", null).statusCode()).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - refused)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void answersUnknownPathsAndMethodsAndResetsToTheSeed() throws Exception {
        HttpResponse<String> unknown = get("/management/manufacturer/robots", manufacturer);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).contains("No route matches");
        HttpResponse<String> method = send("DELETE", CUSTOMERS, manufacturer, null, null);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("Allow")).hasValue("GET, POST");

        createMachine("SN-RESET-1");
        post(CUSTOMERS, manufacturer, customer("7001", "r@reset.example", "DE", "DE318235124", "0049 7452 1234", ""));
        tapio.faults().rateLimitNext(5, 1);
        tapio.advanceTime(Duration.ofHours(3));
        tapio.reset();
        assertThat(tapio.machines()).isEmpty();
        assertThat(tapio.customers()).extracting(SandboxCustomer::customerNumber).containsExactly("4711", "C-1002");
        assertThat(tapio.calls()).isEmpty();
        assertThat(tapio.now()).isEqualTo(NOW);
        assertThat(tapio.tokensIssued("tapio-manufacturer-sandbox")).isZero();
        // tokens issued before the reset still work, and the rate limit is gone
        assertThat(get(CUSTOMERS + "?customerNumber=4711", manufacturer).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- helpers

    /** After the sandbox clock moved past the token lifetime, as the bridge itself would. */
    private void freshTokens() throws Exception {
        manufacturer = token("tapio-manufacturer-sandbox", "sandbox-manufacturer-secret");
        developer = token("tapio-developer-sandbox", "sandbox-developer-secret");
    }

    private String createMachine(String serial) throws Exception {
        HttpResponse<String> created = post(MACHINES, manufacturer,
                "{\"displayName\": \"Machine " + serial + "\", \"serialNumber\": \"" + serial + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("tmid").asText();
    }

    private void onboard(String tmid, String subscriptionId) throws Exception {
        HttpResponse<String> r = put(MACHINES + "/" + tmid + "/onboarding", manufacturer,
                "{\"customerSubscriptionId\": \"" + subscriptionId + "\", \"machineName\": \"" + tmid + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private String readyMachine(String serial, String subscriptionId) throws Exception {
        String tmid = createMachine(serial);
        onboard(tmid, subscriptionId);
        return tmid;
    }

    private String createLicense(String applicationId, String tmid, int machineCount, String from, String to) throws Exception {
        HttpResponse<String> r = post(licensePath(applicationId, tmid), developer, license("serial." + tmid, machineCount, from, to));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    private void acceptTerms(String subscriptionId, String applicationId) throws Exception {
        HttpResponse<String> r = put(termsPath(subscriptionId, applicationId), manufacturer, "{\"contractNumber\": \"K-1\"}");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }

    private HttpResponse<String> assign(String tmid, String subscriptionId, String applicationId) throws Exception {
        return put(MACHINES + "/" + tmid + "/applicationassignment", manufacturer,
                "{\"customerSubscriptionId\": \"" + subscriptionId + "\", \"applicationId\": \"" + applicationId + "\"}");
    }

    private HttpResponse<String> unassign(String tmid, String subscriptionId, String applicationId) throws Exception {
        return delete(MACHINES + "/" + tmid + "/applicationassignment?applicationId=" + applicationId
                + "&customerSubscriptionId=" + subscriptionId, manufacturer);
    }

    private static String licensePath(String applicationId, String tmid) {
        return "/management/applications/" + applicationId + "/machines/" + tmid + "/license";
    }

    private static String termsPath(String subscriptionId, String applicationId) {
        return "/management/manufacturer/customerSubscriptions/" + subscriptionId + "/applications/" + applicationId + "/termsofuse";
    }

    private static String license(String serial, int machineCount, String from, String to) {
        return """
                {"data": {"name": "Example license", "issuedAt": "2025-01-01T00:00:00", "machineCount": %d,
                          "serialNumber": "%s", "validFrom": "%s", "validTo": "%s"}}""".formatted(machineCount, serial, from, to);
    }

    /** A create-customer body as the text spells it; {@code extra} is inserted before customerNumber. */
    private static String customer(String number, String email, String country, String vat, String phone, String extra) {
        return """
                {"adminUsereMail": "%s", "adminUserTitle": "Mr", "adminUserFirstName": "John", "adminUserLastName": "Doe",
                 "companyName": "Digital wood works %s GmbH", "companyStreet": "Mainroad 1", "companyTown": "Nagold",
                 "companyZipCode": "72202", "companyCountry": "%s", "companyVat": "%s", "localeId": "de-de",
                 "telVoice": "%s", %s "customerNumber": "%s"}""".formatted(email, number, country, vat, phone, extra, number);
    }

    private String token(String clientId, String secret) throws Exception {
        HttpResponse<String> r = form(tapio.tokenUrlV2(), "grant_type=client_credentials&client_id=" + enc(clientId)
                + "&client_secret=" + enc(secret) + "&scope=" + enc(tapio.settings().resource() + "/.default"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private HttpResponse<String> form(String url, String form, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    private HttpResponse<String> delete(String path, String token) throws Exception {
        return send("DELETE", path, token, null, null);
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        return send("POST", path, token, json, "application/json;charset=UTF-8");
    }

    private HttpResponse<String> put(String path, String token, String json) throws Exception {
        return send("PUT", path, token, json, "application/json;charset=UTF-8");
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String contentType) throws Exception {
        return http.send(request(method, path, token, body, contentType), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tapio.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.build();
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> details(HttpResponse<String> response) throws Exception {
        return texts(JSON.readTree(response.body()).get("details"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
