package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.PATIENCE;
import static io.tapbridge.it.BridgeHarness.allIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.operations.Operations;
import io.tapbridge.settings.StartupRefusedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does through Jolokia (and so through Hawtio) with the Operations MBean, logged in: a viewer asks
 * where things stand and what waits for a person; an operator also sends again a batch TAP refused, and runs a job.
 */
class OperatorActionsTest {

    private static final String OPERATOR = "operator:op-Secret-71";
    private static final String VIEWER = "viewer:view-Secret-72";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String jolokia;

    private BridgeHarness start(Path dir, Map<String, String> more) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        jolokia = "http://127.0.0.1:" + port + "/observe/jolokia";
        Map<String, String> settings = new HashMap<>(Map.of("camel.management.enabled", "true", "camel.management.port", Integer.toString(port),
                "management.operator-password", OPERATOR.substring(9), "management.viewer-password", VIEWER.substring(7)));
        settings.putAll(more);
        SecretsUsed.record(List.of(OPERATOR.substring(9), VIEWER.substring(7)));
        return BridgeHarness.start(dir, s -> { }, settings);
    }

    /** An exec of the Operations MBean as {@code login} (null: none); the HTTP status and Jolokia's answer. */
    private HttpResponse<String> exec(String login, String operation, Object... arguments) throws Exception {
        String body = json.writeValueAsString(Map.of("type", "exec", "mbean", "io.tapbridge:type=Operations", "operation", operation,
                "arguments", List.of(arguments)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jolokia)).header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1").POST(HttpRequest.BodyPublishers.ofString(body));
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode value(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("status").asInt()).as(response.body()).isEqualTo(200);
        return answer.path("value");
    }

    @Test
    void aViewerFindsWhereThingsStandAndAnOperatorSendsAgainWhatTapProvablyNeverCreated(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = start(dir, Map.of()); LogCapture log = LogCapture.of(Operations.class)) {
            bridge.sandbox().faults().failNextCreates(1, 400);
            bridge.dropOrders("ops.csv", OrderCsv.create().po("PO-OPS", 2, "OPS").toString());
            bridge.awaitStatus("ops.csv", allIn("REJECTED"));

            assertThat(exec(null, "whereIs", "PO-OPS").statusCode()).as("no login").isEqualTo(401);
            assertThat(exec("viewer:wrong", "whereIs", "PO-OPS").statusCode()).as("a wrong password").isEqualTo(401);

            JsonNode found = value(exec(VIEWER, "whereIs", "PO-OPS"));
            assertThat(found).hasSize(2).allSatisfy(e -> {
                assertThat(e.path("kind").asText()).isEqualTo("order line");
                assertThat(e.path("file").asText()).startsWith("ops.csv #");
                assertThat(e.path("state").asText()).isEqualTo("ACCEPTED / batch REJECTED");
                assertThat(e.path("batch").asText()).startsWith("PO-OPS/1 (id ");
            });
            long batch = Long.parseLong(found.get(0).path("batch").asText().replaceAll(".*id (\\d+)\\)", "$1"));
            assertThat(value(exec(VIEWER, "whereIs", "ops-002"))).as("a serial, without regard to case").singleElement()
                    .satisfies(e -> assertThat(e.path("serialNumber").asText()).isEqualTo("OPS-002"));
            assertThat(value(exec(VIEWER, "attention"))).anySatisfy(e -> {
                assertThat(e.path("what").asText()).isEqualTo("TAP batch PO-OPS/1 (id " + batch + ")");
                assertThat(e.path("what to do").asText()).contains("retryBatch(" + batch + ")");
            });

            assertThat(exec(VIEWER, "retryBatch", batch).statusCode()).as("a viewer does not act").isEqualTo(403);
            assertThat(bridge.sandbox().orders()).isEmpty();

            assertThat(value(exec(OPERATOR, "retryBatch", batch)).asText()).isEqualTo("batch PO-OPS/1 (id " + batch + ") with 2 lines is sent again");
            assertThat(log.messages()).as("who asked").contains("Operator action by operator (operator) from 127.0.0.1: retryBatch(" + batch
                    + "): batch PO-OPS/1 (id " + batch + ") with 2 lines is sent again");
            List<Map<String, String>> status = bridge.awaitStatus("ops.csv", allIn("SUCCESS"));
            assertThat(status).hasSize(2);
            assertThat(bridge.orderedSerials("PO-OPS")).containsExactlyInAnyOrder("OPS-001", "OPS-002");
            assertThat(value(exec(OPERATOR, "retryBatch", batch)).asText()).as("never twice")
                    .startsWith("refused: batch PO-OPS/1 (id " + batch + ") is SUCCESS, not REJECTED");
            String uniqueId = status.get(0).get("tapUniqueId");
            assertThat(value(exec(VIEWER, "whereIs", uniqueId))).hasSize(2);
            assertThat(bridge.orderedSerials("PO-OPS")).hasSize(2);
        }
    }

    @Test
    void aBatchWhoseCreateHadAnUnknownOutcomeIsNeverSentAgainByHand(@TempDir Path dir) throws Exception {
        try (BridgeHarness bridge = start(dir, Map.of())) {
            // the first create goes unanswered (TAP may have bought), the one after reconciliation is refused
            bridge.sandbox().faults().failNextCreates(1, 500);
            bridge.dropOrders("unsure.csv", OrderCsv.create().po("PO-UNS", 1, "UNS").toString());
            await().atMost(PATIENCE).until(() -> bridge.sandbox().createCalls() >= 1);
            bridge.sandbox().faults().failNextCreates(1, 400);
            bridge.awaitStatus("unsure.csv", allIn("REJECTED"));
            long batch = bridge.ledger().withHandle(h -> h.createQuery("select id from tap_batch where po_number = 'PO-UNS'").mapTo(Long.class).one());

            assertThat(value(exec(OPERATOR, "retryBatch", batch)).asText())
                    .startsWith("refused: batch PO-UNS/1 (id " + batch + ") had a create whose outcome was unknown");
            assertThat(value(exec(OPERATOR, "retryBatch", 999_999)).asText()).isEqualTo("refused: there is no batch 999999");
            assertThat(bridge.sandbox().createCalls()).isEqualTo(2);
        }
    }

    @Test
    void anOperatorRunsAScheduledJobNow(@TempDir Path dir) throws Exception {
        // the job's own schedule far away: only the operator's call can write the report
        try (BridgeHarness bridge = start(dir, Map.of("tapio.metadata.report-cron", "0 0 0 1 1 ? 2099"))) {
            Path report = bridge.outbox("reports/metadata-keys.csv");
            assertThat(exec(VIEWER, "runJob", "metadata-keys").statusCode()).isEqualTo(403);
            assertThat(value(exec(OPERATOR, "runJob", "no-such-job")).asText()).isEqualTo("refused: no job 'no-such-job'; the jobs are metadata-keys, tap-customers, tap-models, tap-products, tapio-licenses");
            assertThat(report).doesNotExist();
            assertThat(value(exec(OPERATOR, "runJob", "metadata-keys")).asText()).isEqualTo("started metadata-keys");
            await().atMost(PATIENCE).until(() -> Files.exists(report));
        }
    }

    @Test
    void aManagementServerBeyondLoopbackWithoutLoginsIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> BridgeHarness.start(dir, s -> { }, Map.of("camel.management.enabled", "true",
                "camel.management.host", "0.0.0.0", "camel.management.port", "0")))
                .hasRootCauseInstanceOf(StartupRefusedException.class)
                .rootCause().hasMessageContaining("no management user is configured");
    }
}
