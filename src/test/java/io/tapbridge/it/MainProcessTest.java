package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.sandbox.TapSandbox;
import io.tapbridge.sandbox.TapSandboxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main class in a JVM of its own, configured the way operators do it: a profile and environment variables.
 * Proves that the prod profile refuses to start without credentials, and that the same code, pointed by
 * TAP_BASE_URL and friends at another TAP endpoint with its sandbox off, does the same work there.
 */
class MainProcessTest {

    private static ProcessBuilder bridgeProcess(Path dir, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("INSTANCE_ID_FILE", dir.resolve("instance-id").toString());
        return ChildBridge.builder(dir.resolve("bridge.log"), all);
    }

    @Test
    void aMisspeltProfileIsRefusedInsteadOfRunningOnTheSandboxes(@TempDir Path dir) throws Exception {
        Process process = bridgeProcess(dir, Map.of("CAMEL_MAIN_PROFILE", "production", "CAMEL_MANAGEMENT_ENABLED", "false")).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("bridge.log")))
                .contains("Unknown profile 'production'", "the profiles are demo, prod, test")
                .doesNotContain("sandbox listening");
    }

    @Test
    void theProdProfileRefusesToStartWithoutCredentials(@TempDir Path dir) throws Exception {
        Process process = bridgeProcess(dir, Map.of("CAMEL_MAIN_PROFILE", "prod", "CAMEL_MANAGEMENT_ENABLED", "false")).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("bridge.log"))).contains(
                "will not start in the prod profile without tap.client-id, tap.client-secret, db.url",
                "TAP_CLIENT_ID", "TAP_CLIENT_SECRET", "DB_URL");
    }

    @Test
    void theProdProfileRefusesToStartWithoutTapioCredentialsWhileTapioIsOn(@TempDir Path dir) throws Exception {
        Process process = bridgeProcess(dir, Map.of("CAMEL_MAIN_PROFILE", "prod", "CAMEL_MANAGEMENT_ENABLED", "false",
                "TAP_CLIENT_ID", "erp-prod-client", "TAP_CLIENT_SECRET", "s3cr3t-value",
                "DB_URL", "jdbc:h2:file:" + dir.resolve("db/ledger").toAbsolutePath(), "DB_USERNAME", "sa")).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("bridge.log"))).contains(
                "will not start in the prod profile without tapio.manufacturer.client-id, tapio.manufacturer.client-secret,"
                        + " tapio.developer.client-id, tapio.developer.client-secret, tapio.manufacturer-id",
                "TAPIO_MANUFACTURER_CLIENT_ID", "TAPIO_DEVELOPER_CLIENT_SECRET")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void environmentVariablesPointTheProdBridgeAtAnotherTapEndpoint(@TempDir Path dir) throws Exception {
        try (TapSandbox remote = new TapSandbox(new TapSandboxSettings().clientId("erp-prod-client").clientSecret("s3cr3t-value")
                .processingTime(Duration.ofMillis(200)).otaPendingTime(Duration.ZERO)).start()) {
            Path erp = dir.resolve("erp");
            Map<String, String> env = Map.ofEntries(
                    Map.entry("CAMEL_MAIN_PROFILE", "prod"),
                    Map.entry("CAMEL_MANAGEMENT_ENABLED", "false"),
                    // a TAP-only installation: no tapio credentials, the tapio flows left out
                    Map.entry("TAPIO_ENABLED", "false"),
                    Map.entry("TAP_BASE_URL", remote.baseUrl()),
                    Map.entry("TAP_TOKEN_URL", remote.tokenUrl()),
                    Map.entry("TAP_TOKEN_AUTH", "basic"),
                    Map.entry("TAP_CLIENT_ID", "erp-prod-client"),
                    Map.entry("TAP_CLIENT_SECRET", "s3cr3t-value"),
                    Map.entry("TAP_POLL_INTERVAL", "300ms"),
                    Map.entry("TAP_ACTIVATION_POLL_INTERVAL", "300ms"),
                    Map.entry("ERP_DIR", erp.toString()),
                    Map.entry("ERP_RESULTS_INTERVAL", "300ms"),
                    Map.entry("DB_URL", "jdbc:h2:file:" + dir.resolve("db/ledger").toAbsolutePath()),
                    Map.entry("DB_USERNAME", "sa"),
                    // as a log shipper wants it: one JSON object a line
                    Map.entry("JAVA_TOOL_OPTIONS", "-Dlog.format=json"));
            Process process = bridgeProcess(dir, env).start();
            try {
                Path inbox = erp.resolve("inbox/orders");
                await().atMost(BridgeHarness.PATIENCE).until(() -> Files.isDirectory(inbox));
                Files.writeString(inbox.resolve("prod.tmp"), OrderCsv.create().po("PO-PROD", 3, "PR").toString(), StandardCharsets.UTF_8);
                Files.move(inbox.resolve("prod.tmp"), inbox.resolve("prod.csv"));

                Path status = erp.resolve("outbox/prod.csv.status.csv");
                await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(status)
                        && Files.readAllLines(status).stream().skip(1).filter(l -> l.contains(",SUCCESS,")).count() == 3);
                assertThat(remote.orders()).singleElement().satisfies(o -> {
                    assertThat(o.clientId()).isEqualTo("erp-prod-client");
                    assertThat(o.serialNumbers()).containsExactly("PR-001", "PR-002", "PR-003");
                });
                String log = Files.readString(dir.resolve("bridge.log"));
                assertThat(log).doesNotContain("s3cr3t-value").doesNotContain("Embedded TAP sandbox");
                // JSON lines, each naming in its context the file and the TAP batch it is about
                ObjectMapper json = new ObjectMapper();
                List<JsonNode> events = new ArrayList<>();
                for (String line : Files.readAllLines(dir.resolve("bridge.log"))) {
                    if (!line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
                        events.add(json.readTree(line));
                    }
                }
                assertThat(events).allSatisfy(e -> assertThat(e.has("@timestamp") && e.has("level") && e.has("message")).isTrue());
                assertThat(events).anySatisfy(e -> {
                    assertThat(e.path("message").asText()).isEqualTo("Staged orders file prod.csv as file #1: 3 rows");
                    assertThat(e.path("context").path("tapBridgeFile").asText()).isEqualTo("prod.csv");
                });
                assertThat(events).anySatisfy(e -> assertThat(e.path("message").asText())
                        .startsWith("Orders file prod.csv (#1) planned: 3 lines accepted into 1 TAP orders, 0 rejected"));
                assertThat(events).anySatisfy(e -> {
                    assertThat(e.path("message").asText()).contains("created in TAP");
                    assertThat(e.path("context").path("tapBridgeFile").asText()).isEqualTo("#1");
                    assertThat(e.path("context").path("tapBridgeBatch").asText()).startsWith("PO-PROD/1 batch ");
                });
            } finally {
                process.destroy();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            }
        }
    }
}
