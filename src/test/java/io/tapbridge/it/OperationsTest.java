package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management server operators use: health, metrics, and Jolokia for Hawtio, on loopback only, where Jolokia
 * reads routes but refuses to send messages to endpoints.
 */
class OperationsTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;
    private String base;
    private HttpRequest healthCheck;

    /** The bridge with its management server on a free port of its own. */
    private BridgeHarness startWithManagement(Path dir) throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port + "/observe";
        healthCheck = HttpRequest.newBuilder(URI.create(base + "/health")).build();
        return BridgeHarness.start(dir, s -> { }, Map.of("camel.management.enabled", "true", "camel.management.port", Integer.toString(port)));
    }

    /** Ready once every consumer has polled (the inbox's first poll comes a second after the start). */
    private void awaitHealthy() {
        await().atMost(Duration.ofSeconds(15)).until(() -> http.send(healthCheck, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    /** A local client (Hawtio's proxy, a script): it names its loopback origin, which Jolokia's strict checking requires. */
    private static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        return post(http, url, "http://127.0.0.1", json);
    }

    private static HttpResponse<String> post(HttpClient http, String url, String origin, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String routeState(HttpClient http, String base, String route) throws Exception {
        return post(http, base + "/jolokia", """
                {"type":"read","mbean":"org.apache.camel:context=tap-bridge,type=routes,name=\\"%s\\"","attribute":"State"}"""
                .formatted(route)).body();
    }

    /** The status line of a raw HTTP request, for what Java's HTTP client will not send (a foreign Host header). */
    private static String statusLine(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void jolokiaRefusesWhatAForeignPageOrAnIntruderWouldDo(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = startWithManagement(dir)) {
            awaitHealthy();
            String stop = """
                    {"type":"exec","mbean":"org.apache.camel:context=tap-bridge,type=routes,name=\\"orders-intake\\"","operation":"stop()"}""";

            // a page in the browser: a plain GET (an image, a link), and a POST carrying its foreign origin
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/jolokia/exec/org.apache.camel:context=tap-bridge,type=routes,name=%22orders-intake%22/stop()")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.body()).doesNotContain("\"status\":200");
            HttpResponse<String> foreign = post(http, base + "/jolokia", "http://evil.example", stop);
            assertThat(foreign.body()).doesNotContain("\"status\":200");
            HttpResponse<String> noOrigin = http.send(HttpRequest.newBuilder(URI.create(base + "/jolokia")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(stop)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noOrigin.body()).as("a request that does not say where it comes from").doesNotContain("\"status\":200");
            assertThat(routeState(http, base, "orders-intake")).contains("\"value\":\"Started\"");

            // DNS rebinding: a foreign name resolved to 127.0.0.1
            assertThat(statusLine(port, "POST /observe/jolokia HTTP/1.1\r\nHost: evil.example:" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")).contains(" 403");

            // never the context's stop, suspend or shutdown (the JVM ends with it), never an attribute written
            for (String operation : new String[] {"stop()", "suspend()", "shutdown()"}) {
                HttpResponse<String> refused = post(http, base + "/jolokia", """
                        {"type":"exec","mbean":"org.apache.camel:context=tap-bridge,type=context,name=\\"tap-bridge\\"","operation":"%s"}"""
                        .formatted(operation));
                assertThat(refused.body()).as(operation).doesNotContain("\"status\":200");
            }
            HttpResponse<String> write = post(http, base + "/jolokia", """
                    {"type":"write","mbean":"org.apache.camel:context=tap-bridge,type=context,name=\\"tap-bridge\\"",
                     "attribute":"Tracing","value":true}""");
            assertThat(write.body()).doesNotContain("\"status\":200");
            // secrets given as -D options would show in the JVM's command line and system properties
            for (String attribute : new String[] {"InputArguments", "SystemProperties"}) {
                HttpResponse<String> runtime = post(http, base + "/jolokia", """
                        {"type":"read","mbean":"java.lang:type=Runtime","attribute":"%s"}""".formatted(attribute));
                assertThat(runtime.body()).as(attribute).doesNotContain("\"status\":200");
            }
            assertThat(http.send(healthCheck, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            // what an operator may do from Hawtio (a loopback origin): stop a route and start it again
            assertThat(post(http, base + "/jolokia", "http://127.0.0.1:8090", stop).body()).contains("\"status\":200");
            assertThat(routeState(http, base, "orders-intake")).contains("\"value\":\"Stopped\"");
            assertThat(post(http, base + "/jolokia", "http://localhost:8090", stop.replace("stop()", "start()")).body())
                    .contains("\"status\":200");
            assertThat(routeState(http, base, "orders-intake")).contains("\"value\":\"Started\"");
        }
    }

    @Test
    void readinessChecksTheLedgerTheInboxesAndEachTokenEndpoint(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = startWithManagement(dir)) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready?exposureLevel=full")).build();
            // UP once the catalogue warm-up has fetched TAP's token (the tapio clients have fetched none yet: UP too)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(http.send(ready, HttpResponse.BodyHandlers.ofString()).body())
                    .contains("{\"name\":\"ledger\",\"status\":\"UP\"}", "{\"name\":\"inboxes\",\"status\":\"UP\"}",
                            "{\"name\":\"token TAP\",\"status\":\"UP\"}", "{\"name\":\"token tapio manufacturer\",\"status\":\"UP\"}"));

            // an inbox that cannot take files: that check DOWN, naming it, and the whole readiness with it
            Path machines = bridge.erp("inbox/machines");
            Files.delete(machines);
            Files.writeString(machines, "not a folder");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body().replace("\\", "")).contains("\"name\":\"inboxes\",\"status\":\"DOWN\"", machines + " cannot be written");
            });
        }
    }

    @Test
    void healthMetricsAndARestrictedJolokia(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = startWithManagement(dir)) {
            awaitHealthy();
            assertThat(http.send(healthCheck, HttpResponse.BodyHandlers.ofString()).body()).contains("UP");

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("routeId=\"orders-send\"");
            // the remote calls' timers beside Camel's own: the catalogue warm-up's TAP calls and their token
            HttpRequest metricsRequest = HttpRequest.newBuilder(URI.create(base + "/metrics")).build();
            await().atMost(Duration.ofSeconds(15)).until(() -> http.send(metricsRequest, HttpResponse.BodyHandlers.ofString()).body()
                    .contains("procedure=\"TAP_GET_CUSTOMERS_API\""));
            assertThat(http.send(metricsRequest, HttpResponse.BodyHandlers.ofString()).body())
                    .containsPattern("tapbridge_http_calls_seconds_count\\{[^}]*api=\"tap\"[^}]*outcome=\"ANSWERED\"[^}]*procedure=\"TAP_GET_CUSTOMERS_API\"[^}]*status=\"200\"")
                    .containsPattern("tapbridge_http_calls_seconds_count\\{[^}]*api=\"tap-token\"")
                    // the ledger's state for operators, and the JVM's
                    .containsPattern("tapbridge_files\\{[^}]*flow=\"orders\"[^}]*state=\"STAGED\"")
                    .containsPattern("tapbridge_tap_batches\\{[^}]*state=\"ATTENTION\"")
                    .containsPattern("tapbridge_tap_lines\\{[^}]*state=\"RECONCILE\"")
                    .containsPattern("tapbridge_machine_rows\\{[^}]*state=\"FAILED\"")
                    .contains("tapbridge_oldest_open_file_age_seconds", "jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage");
            // they follow the ledger: a file of three lines shows as three SUCCESS lines and a DONE file
            bridge.dropOrders("metered.csv", OrderCsv.create().po("PO-METER", 3, "MT").toString());
            await().atMost(BridgeHarness.PATIENCE).untilAsserted(() -> assertThat(http.send(metricsRequest,
                    HttpResponse.BodyHandlers.ofString()).body().lines().filter(l -> l.startsWith("tapbridge_")).toList())
                    .anyMatch(l -> l.matches("tapbridge_tap_lines\\{[^}]*state=\"SUCCESS\"[^}]*} 3\\.0"))
                    .anyMatch(l -> l.matches("tapbridge_files\\{[^}]*flow=\"orders\"[^}]*state=\"DONE\"[^}]*} 1\\.0")));

            HttpResponse<String> read = post(http, base + "/jolokia", """
                    {"type":"read","mbean":"org.apache.camel:context=tap-bridge,type=routes,name=\\"orders-intake\\"",
                     "attribute":"State"}""");
            assertThat(read.body()).contains("\"value\":\"Started\"");
            // each remote API is a route of its own in Hawtio, counting its calls (the warm-up's, at least)
            HttpResponse<String> tapCalls = post(http, base + "/jolokia", """
                    {"type":"read","mbean":"org.apache.camel:context=tap-bridge,type=routes,name=\\"http-tap\\"",
                     "attribute":"ExchangesCompleted"}""");
            assertThat(tapCalls.body()).containsPattern("\"value\":[1-9]");

            // what Jolokia must never do for anyone who reaches it: send a message to an arbitrary endpoint
            HttpResponse<String> send = post(http, base + "/jolokia", """
                    {"type":"exec","mbean":"org.apache.camel:context=tap-bridge,type=context,name=\\"tap-bridge\\"",
                     "operation":"sendBody(java.lang.String,java.lang.Object)","arguments":["log:intruder","x"]}""");
            assertThat(send.body()).contains("forbidden").doesNotContain("\"status\":200");
        }
    }
}
