package io.tapbridge.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.tapbridge.TapBridge;
import io.tapbridge.sandbox.TapSandbox;
import io.tapbridge.sandbox.TapSandboxSettings;
import io.tapbridge.sandbox.tapio.TapioSandbox;
import io.tapbridge.sandbox.tapio.TapioSandboxSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.main.Main;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jdbi.v3.core.Jdbi;

/**
 * Boots the real main class (config/, routes/, the YAML flows) against a TAP sandbox that the test owns, with its
 * own ERP folders and H2 ledger under a temporary directory. The bridge sees the sandbox as any TAP endpoint
 * (sandbox.enabled=false), so tests also prove that the same routes work against another endpoint.
 */
public final class BridgeHarness implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(40);

    private final Path dir;
    private final TapSandbox sandbox;
    private final TapioSandbox tapio;
    private final Map<String, String> overrides = new HashMap<>();
    private Main main;

    private BridgeHarness(Path dir, TapSandbox sandbox, TapioSandbox tapio, Map<String, String> extra) {
        this.dir = dir;
        this.sandbox = sandbox;
        this.tapio = tapio;
        overrides.put("camel.main.profile", "test");
        overrides.put("erp.dir", dir.resolve("erp").toString());
        overrides.put("instance.id-file", dir.resolve("instance-id").toString());
        overrides.put("db.url", "jdbc:h2:file:" + dir.resolve("db/ledger").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64");
        overrides.put("tap.base-url", sandbox.baseUrl());
        overrides.put("tap.token-url", sandbox.tokenUrl());
        overrides.put("tap.client-id", sandbox.settings().clientId());
        overrides.put("tap.client-secret", sandbox.settings().clientSecret());
        overrides.put("tapio.base-url", tapio.baseUrl());
        overrides.put("tapio.token-url", tapio.tokenUrl());
        overrides.put("tapio.manufacturer.client-id", tapio.settings().manufacturerClientId());
        overrides.put("tapio.manufacturer.client-secret", tapio.settings().manufacturerClientSecret());
        overrides.put("tapio.developer.client-id", tapio.settings().developerClientId());
        overrides.put("tapio.developer.client-secret", tapio.settings().developerClientSecret());
        overrides.put("tapio.manufacturer-id", tapio.settings().manufacturerId());
        overrides.putAll(extra);
    }

    /** A sandbox (short processing times unless {@code sandboxSetup} says otherwise) and a started bridge. */
    public static BridgeHarness start(Path dir, Consumer<TapSandboxSettings> sandboxSetup, Map<String, String> bridgeSettings) {
        TapSandboxSettings settings = new TapSandboxSettings()
                .processingTime(Duration.ofMillis(300))
                .otaPendingTime(Duration.ofMillis(300));
        sandboxSetup.accept(settings);
        TapSandbox sandbox = new TapSandbox(settings).start();
        TapioSandbox tapio = new TapioSandbox(new TapioSandboxSettings()).start();
        BridgeHarness harness = new BridgeHarness(dir, sandbox, tapio, bridgeSettings);
        harness.startBridge();
        return harness;
    }

    public static BridgeHarness start(Path dir) {
        return start(dir, s -> { }, Map.of());
    }

    public TapSandbox sandbox() {
        return sandbox;
    }

    /** The tapio sandbox the bridge talks to (port chosen at start). */
    public TapioSandbox tapio() {
        return tapio;
    }

    public Path erp(String folder) {
        return dir.resolve("erp").resolve(folder);
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public void startBridge() {
        main = TapBridge.create(overrides);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("tap-bridge did not start", e);
        }
        await().atMost(PATIENCE).until(() -> main.getCamelContext() != null
                && main.getCamelContext().getStatus() == ServiceStatus.Started);
    }

    public void stopBridge() {
        if (main != null) {
            try {
                main.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            main = null;
        }
    }

    /** Stops the bridge and starts it again on the same ledger, folders and sandbox, with some settings changed. */
    public void restartBridge(Map<String, String> changes) {
        stopBridge();
        overrides.putAll(changes);
        startBridge();
    }

    /** Writes the file under a temporary name and renames it into the inbox, as a well-behaved ERP does. */
    public Path dropOrders(String name, String content) {
        return drop(erp("inbox/orders"), name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A metadata file at {@code inbox/metadata/<relativePath>}. */
    public Path dropMetadata(String relativePath, String json) {
        Path target = erp("inbox/metadata").resolve(relativePath);
        return drop(target.getParent(), target.getFileName().toString(), json.getBytes(StandardCharsets.UTF_8));
    }

    public Path dropMachines(String name, String content) {
        return drop(erp("inbox/machines"), name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path dropOrders(String name, byte[] content) {
        return drop(erp("inbox/orders"), name, content);
    }

    private static Path drop(Path folder, String name, byte[] content) {
        try {
            Files.createDirectories(folder);
            Path temp = folder.resolve(name + ".part");
            Files.write(temp, content);
            return Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Map<String, String>> readCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                rows.add(new LinkedHashMap<>(record.toMap()));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path outbox(String name) {
        return erp("outbox").resolve(name);
    }

    /** Waits until {@code outbox/<input>.ack.csv} exists. */
    public List<Map<String, String>> awaitAck(String input) {
        Path ack = outbox(input + ".ack.csv");
        await().atMost(PATIENCE).until(() -> Files.exists(ack));
        return readCsv(ack);
    }

    /** Waits until {@code outbox/<input>.status.csv} shows what {@code done} wants, and returns it. */
    public List<Map<String, String>> awaitStatus(String input, Predicate<List<Map<String, String>>> done) {
        Path status = outbox(input + ".status.csv");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(status) && done.test(readCsv(status)));
        return readCsv(status);
    }

    /** Every line of the status file has one of these statuses. */
    public static Predicate<List<Map<String, String>>> allIn(String... statuses) {
        List<String> wanted = List.of(statuses);
        return rows -> !rows.isEmpty() && rows.stream().allMatch(r -> wanted.contains(r.get("status")));
    }

    /** The orders TAP recorded for a PO. */
    public List<io.tapbridge.sandbox.SandboxOrder> orders(String po) {
        return sandbox.orders().stream().filter(o -> o.poNumber().equals(po)).toList();
    }

    /** Every serial number TAP recorded for a PO, once per time it was bought. */
    public List<String> orderedSerials(String po) {
        return orders(po).stream().flatMap(o -> o.serialNumbers().stream()).toList();
    }

    /** How the ledger took each call of a procedure, in call order (CREATED, UNKNOWN, FOUND, NOT_FOUND, ...). */
    public List<String> callOutcomes(String procedure) {
        return ledger().withHandle(h -> h.createQuery("select outcome from tap_call where proc_name = ? order by id")
                .bind(0, procedure).mapTo(String.class).list());
    }

    /** The ledger, opened beside the bridge (for H2: same JVM, same file). */
    public Jdbi ledger() {
        return Jdbi.create(overrides.get("db.url"), overrides.getOrDefault("db.username", "sa"), overrides.getOrDefault("db.password", ""));
    }

    @Override
    public void close() {
        try {
            stopBridge();
            SecretsUsed.record(secrets());
        } finally {
            sandbox.close();
            tapio.close();
        }
    }

    /**
     * Every secret this test's bridge had in its hands: client secrets, the tokens the sandboxes issued, and the
     * passcodes and device keys in its ERP files. LogSecretsIT proves that none of them reached a log.
     */
    private List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(sandbox.settings().clientSecret(), tapio.settings().manufacturerClientSecret(),
                tapio.settings().developerClientSecret()));
        secrets.addAll(sandbox.issuedTokens());
        secrets.addAll(tapio.issuedTokens());
        for (String folder : List.of("outbox", "archive")) {
            try (java.util.stream.Stream<Path> files = Files.exists(erp(folder)) ? Files.walk(erp(folder)) : java.util.stream.Stream.empty()) {
                files.filter(f -> f.toString().endsWith(".csv") && Files.isRegularFile(f)).forEach(f -> {
                    try {
                        for (Map<String, String> row : readCsv(f)) {
                            secrets.add(row.get("passcode"));
                            secrets.add(row.get("deviceKey"));
                        }
                    } catch (RuntimeException unreadable) {
                        // a file a test made unreadable on purpose holds no secret of the bridge's
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return secrets;
    }
}
