package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import io.tapbridge.sandbox.TapSandbox;
import io.tapbridge.sandbox.TapSandboxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production artifact, {@code target/tap-bridge-prod.jar}, as an operator runs it ({@code java -jar}, the prod
 * profile, the environment): it holds no sandbox class, refuses to start when asked for the sandbox, and orders
 * against a remote TAP endpoint (here a sandbox in the test's own JVM).
 */
class ProductionJarIT {

    private static final Path JAR = Path.of("target", "tap-bridge-prod.jar");

    private static Map<String, String> prodEnv(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("CAMEL_MAIN_PROFILE", "prod");
        env.put("CAMEL_MANAGEMENT_ENABLED", "false");
        env.put("TAPIO_ENABLED", "false");
        env.put("ERP_DIR", dir.resolve("erp").toString());
        env.put("ERP_RESULTS_INTERVAL", "300ms");
        env.put("DB_URL", "jdbc:h2:file:" + dir.resolve("db/ledger").toAbsolutePath());
        env.put("DB_USERNAME", "sa");
        env.put("INSTANCE_ID_FILE", dir.resolve("instance-id").toString());
        return env;
    }

    @Test
    void theProductionJarHoldsNoSandboxAndRefusesToStartOne(@TempDir Path dir) throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("io/tapbridge/"))).isNotEmpty()
                    .noneMatch(n -> n.startsWith("io/tapbridge/sandbox/"));
        }
        Map<String, String> env = prodEnv(dir);
        env.put("CAMEL_MAIN_PROFILE", "demo"); // a profile that keeps sandbox.enabled=true
        Process process = ChildBridge.jar(JAR, dir.resolve("bridge.log"), env).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("bridge.log"))).contains("this is the production jar, which has no sandbox");
    }

    @Test
    void theProductionJarOrdersAgainstARemoteTapEndpoint(@TempDir Path dir) throws Exception {
        try (TapSandbox remote = new TapSandbox(new TapSandboxSettings().clientId("erp-prod-client").clientSecret("s3cr3t-value")
                .processingTime(Duration.ofMillis(200)).otaPendingTime(Duration.ZERO)).start()) {
            Map<String, String> env = prodEnv(dir);
            env.put("TAP_BASE_URL", remote.baseUrl());
            env.put("TAP_TOKEN_URL", remote.tokenUrl());
            env.put("TAP_CLIENT_ID", "erp-prod-client");
            env.put("TAP_CLIENT_SECRET", "s3cr3t-value");
            env.put("TAP_POLL_INTERVAL", "300ms");
            env.put("TAP_ACTIVATION_POLL_INTERVAL", "300ms");
            Process process = ChildBridge.jar(JAR, dir.resolve("bridge.log"), env).start();
            try {
                Path inbox = dir.resolve("erp/inbox/orders");
                await().atMost(BridgeHarness.PATIENCE).until(() -> Files.isDirectory(inbox));
                Files.writeString(inbox.resolve("prod.tmp"), OrderCsv.create().po("PO-JAR", 3, "JR").toString(), StandardCharsets.UTF_8);
                Files.move(inbox.resolve("prod.tmp"), inbox.resolve("prod.csv"));

                Path status = dir.resolve("erp/outbox/prod.csv.status.csv");
                await().atMost(BridgeHarness.PATIENCE).until(() -> Files.exists(status)
                        && Files.readAllLines(status).stream().skip(1).filter(l -> l.contains(",SUCCESS,")).count() == 3);
                assertThat(remote.orders()).singleElement().satisfies(o -> assertThat(o.serialNumbers()).containsExactly("JR-001", "JR-002", "JR-003"));
                assertThat(Files.readString(dir.resolve("bridge.log"))).doesNotContain("s3cr3t-value").doesNotContain("sandbox at");
            } finally {
                process.destroy();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            }
        }
    }
}
