package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthMetricsAndARestrictedJolokia(@TempDir Path dir) throws Exception {
        int port = freePort();
        try (BridgeHarness bridge = BridgeHarness.start(dir, s -> { }, Map.of("camel.management.enabled", "true",
                "camel.management.port", Integer.toString(port)))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port + "/observe";

            // ready once every consumer has polled (the inbox's first poll comes a second after the start)
            HttpRequest healthCheck = HttpRequest.newBuilder(URI.create(base + "/health")).build();
            await().atMost(Duration.ofSeconds(15)).until(() -> http.send(healthCheck, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
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
                    .containsPattern("tapbridge_http_calls_seconds_count\\{[^}]*api=\"tap-token\"");

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
