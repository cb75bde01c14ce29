package io.tapbridge.it;

import static io.tapbridge.it.BridgeHarness.PATIENCE;
import static io.tapbridge.it.BridgeHarness.allIn;
import static io.tapbridge.it.MachineCsv.MACHINE_BOARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ERP exchange over SFTP (erp.transport=sftp), against a real SFTP server in the test's JVM: files taken from
 * the server's inboxes, archived or refused there, the results copied to its outbox; and what a network does to
 * that: an unknown host key, files still being written, connections cut mid-download and mid-upload, the server
 * down for a while, a file name used twice.
 */
class SftpTransportTest {

    @TempDir
    Path dir;
    SftpServer sftp;
    BridgeHarness bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (sftp != null) {
            sftp.close();
        }
    }

    private BridgeHarness bridgeOnSftp(Map<String, String> settings) {
        return BridgeHarness.start(dir.resolve("bridge"), s -> { }, settings);
    }

    @Test
    void everyFlowsFilesComeFromTheServerAndTheirResultsGoBackToIt() throws Exception {
        sftp = SftpServer.start(dir.resolve("server"));
        bridge = bridgeOnSftp(sftp.bridgeSettings(dir.resolve("keys")));

        sftp.drop("inbox/orders", "orders-1.csv", OrderCsv.create().po("PO-S1", 3, "SFTP-A").toString());
        sftp.drop("inbox/machines", "sold.csv", MachineCsv.create().sold("SN-S1", MACHINE_BOARD).toString());
        sftp.drop("inbox/orders", "bad.csv", "poNumber,colour\nPO-X,red\n");

        List<Map<String, String>> status = awaitOnServer("outbox/orders-1.csv.status.csv",
                rows -> allIn("SUCCESS").test(rows) && rows.stream().allMatch(r -> !r.get("passcode").isEmpty()));
        assertThat(status).hasSize(3).allSatisfy(r -> assertThat(r.get("passcode")).isNotBlank());
        assertThat(bridge.orderedSerials("PO-S1")).containsExactlyInAnyOrder("SFTP-A-001", "SFTP-A-002", "SFTP-A-003");
        assertThat(awaitOnServer("outbox/orders-1.csv.ack.csv", rows -> rows.size() == 3)).allSatisfy(r -> assertThat(r.get("result")).isEqualTo("ACCEPTED"));
        awaitOnServer("outbox/sold.csv.status.csv", allIn("DONE"));

        sftp.drop("inbox/metadata/tdmSN-S1/global", "shift.json", "{\"shift\":2}");
        await().atMost(PATIENCE).until(() -> bridge.tapio().metadata("tdmSN-S1").containsKey("global/shift"));

        // refused on the server, with its reason beside it
        Path reason = sftp.file("error/bad.csv.error.txt");
        await().atMost(PATIENCE).until(() -> Files.exists(reason) && Files.exists(sftp.file("error/bad.csv")));
        assertThat(Files.readString(reason)).contains("bad.csv", "unknown column 'poNumber'");

        // every input archived on the server, nothing left in its inboxes
        await().atMost(PATIENCE).until(() -> files(sftp.file("inbox")).isEmpty());
        assertThat(files(sftp.file("archive"))).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.startsWith("orders-1.")).anyMatch(n -> n.startsWith("sold.")).anyMatch(n -> n.startsWith("shift.json."));
        // the server's results are the local ones, byte for byte, and no temporary name is left behind
        await().atMost(PATIENCE).until(() -> sameContent("orders-1.csv.status.csv") && sameContent("orders-1.csv.ack.csv")
                && sameContent("sold.csv.status.csv"));
        assertThat(files(sftp.file("outbox"))).noneMatch(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void aServerWhoseHostKeyIsNotKnownIsRefusedAndSaysSo() throws Exception {
        sftp = SftpServer.start(dir.resolve("server"));
        sftp.drop("inbox/orders", "orders-1.csv", OrderCsv.create().po("PO-K1", 1, "KEY-A").toString());
        bridge = bridgeOnSftp(sftp.bridgeSettingsWithWrongHostKey(dir.resolve("keys")));

        awaitDown("consumer:orders-intake");
        HealthCheck.Result server = awaitDown("sftp server");
        assertThat(server.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("host key is NOT the one in", "known_hosts"));
        assertThat(sftp.file("inbox/orders/orders-1.csv")).exists();
        assertThat(bridge.sandbox().orders()).isEmpty();
        assertThat(bridge.outbox("orders-1.csv.ack.csv")).doesNotExist();
    }

    @Test
    void filesStillBeingWrittenAreNotTaken() throws Exception {
        sftp = SftpServer.start(dir.resolve("server"));
        Map<String, String> settings = new HashMap<>(sftp.bridgeSettings(dir.resolve("keys")));
        settings.put("erp.inbox.done-file-name", "${file:name}.done");
        bridge = bridgeOnSftp(settings);

        // a writer's temporary name, and a file whose marker is not there yet
        Path orders = Files.createDirectories(sftp.file("inbox/orders"));
        Files.writeString(orders.resolve("late.csv"), OrderCsv.create().po("PO-W1", 2, "LATE-A").toString());
        Files.writeString(orders.resolve("half.csv.tmp"), "poNumber,lineNum");
        int seen = sftp.listings("inbox/orders");
        await().atMost(PATIENCE).until(() -> sftp.listings("inbox/orders") >= seen + 3);
        assertThat(orders.resolve("late.csv")).exists();
        assertThat(orders.resolve("half.csv.tmp")).exists();
        assertThat(bridge.sandbox().orders()).isEmpty();

        Files.writeString(orders.resolve("late.csv.done"), "");
        awaitOnServer("outbox/late.csv.status.csv", allIn("SUCCESS"));
        assertThat(bridge.orderedSerials("PO-W1")).containsExactlyInAnyOrder("LATE-A-001", "LATE-A-002");
        assertThat(orders.resolve("late.csv.done")).as("the marker is removed with the file").doesNotExist();
        assertThat(orders.resolve("half.csv.tmp")).exists();
    }

    @Test
    void aConnectionCutMidDownloadOrMidUploadLosesNothingAndOrdersNothingTwice() {
        sftp = SftpServer.start(dir.resolve("server"));
        bridge = bridgeOnSftp(sftp.bridgeSettings(dir.resolve("keys")));

        sftp.cutNextDownloadOf("cut.csv");
        sftp.cutNextUploadOf("cut.csv.status.csv");
        // large enough to be read in several blocks: the connection is cut after the first
        sftp.drop("inbox/orders", "cut.csv", OrderCsv.create().po("PO-C1", 1000, "CUT-A").toString());

        awaitOnServer("outbox/cut.csv.status.csv", allIn("SUCCESS"));
        assertThat(bridge.orderedSerials("PO-C1")).hasSize(1000).doesNotHaveDuplicates();
        assertThat(bridge.orders("PO-C1")).hasSize(50);
        await().atMost(PATIENCE).until(() -> sameContent("cut.csv.status.csv"));
        assertThat(files(sftp.file("error"))).isEmpty();
        assertThat(files(sftp.file("outbox"))).noneMatch(p -> p.getFileName().toString().startsWith("."));
    }

    @Test
    void whileTheServerIsDownFilesWaitAndTheHealthCheckSaysSo() {
        sftp = SftpServer.start(dir.resolve("server"));
        bridge = bridgeOnSftp(sftp.bridgeSettings(dir.resolve("keys")));
        sftp.drop("inbox/orders", "before.csv", OrderCsv.create().po("PO-D1", 1, "DOWN-A").toString());
        awaitOnServer("outbox/before.csv.status.csv", allIn("SUCCESS"));

        sftp.stop();
        awaitDown("consumer:orders-intake");
        assertThat(awaitDown("sftp server").getMessage()).hasValueSatisfying(m -> assertThat(m).contains("cannot be reached"));
        sftp.drop("inbox/orders", "during.csv", OrderCsv.create().po("PO-D2", 2, "DOWN-B").toString());
        sftp.restart();

        awaitOnServer("outbox/during.csv.status.csv", allIn("SUCCESS"));
        assertThat(bridge.orderedSerials("PO-D1")).containsExactly("DOWN-A-001");
        assertThat(bridge.orderedSerials("PO-D2")).containsExactlyInAnyOrder("DOWN-B-001", "DOWN-B-002");
        await().atMost(PATIENCE).until(() -> readiness("consumer:orders-intake").map(r -> r.getState() == HealthCheck.State.UP).orElse(false)
                && readiness("sftp server").map(r -> r.getState() == HealthCheck.State.UP).orElse(false)
                && readiness("sftp uploads").map(r -> r.getState() == HealthCheck.State.UP).orElse(false));
    }

    @Test
    void aFileNameUsedAgainWithOtherContentIsANewFile() {
        sftp = SftpServer.start(dir.resolve("server"));
        bridge = bridgeOnSftp(sftp.bridgeSettings(dir.resolve("keys")));

        sftp.drop("inbox/orders", "daily.csv", OrderCsv.create().po("PO-R1", 1, "AGAIN-A").toString());
        awaitOnServer("outbox/daily.csv.status.csv", rows -> allIn("SUCCESS").test(rows) && rows.size() == 1);
        sftp.drop("inbox/orders", "daily.csv", OrderCsv.create().po("PO-R2", 2, "AGAIN-B").toString());

        List<Map<String, String>> latest = awaitOnServer("outbox/daily.csv.status.csv", rows -> allIn("SUCCESS").test(rows) && rows.size() == 2);
        assertThat(latest).extracting(r -> r.get("serialNumber")).containsExactlyInAnyOrder("AGAIN-B-001", "AGAIN-B-002");
        // the first file's results are kept on the server under its own id
        await().atMost(PATIENCE).until(() -> files(sftp.file("outbox")).stream()
                .anyMatch(p -> p.getFileName().toString().matches("daily\\.csv\\.\\d+\\.status\\.csv")));
        assertThat(bridge.orderedSerials("PO-R1")).containsExactly("AGAIN-A-001");
        assertThat(bridge.orderedSerials("PO-R2")).containsExactlyInAnyOrder("AGAIN-B-001", "AGAIN-B-002");
        assertThat(files(sftp.file("archive"))).filteredOn(p -> p.getFileName().toString().startsWith("daily.")).hasSize(2);
    }

    private List<Map<String, String>> awaitOnServer(String relative, Predicate<List<Map<String, String>>> done) {
        Path file = sftp.file(relative);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(file) && done.test(bridge.readCsv(file)));
        return bridge.readCsv(file);
    }

    private boolean sameContent(String outboxName) throws IOException {
        Path local = bridge.outbox(outboxName);
        Path remote = sftp.file("outbox/" + outboxName);
        return Files.exists(local) && Files.exists(remote) && Files.mismatch(local, remote) == -1;
    }

    private Optional<HealthCheck.Result> readiness(String id) {
        return HealthCheckHelper.invokeReadiness(bridge.camel(), "full").stream().filter(r -> r.getCheck().getId().equals(id)).findFirst();
    }

    private HealthCheck.Result awaitDown(String id) {
        await().atMost(PATIENCE).until(() -> readiness(id).map(r -> r.getState() == HealthCheck.State.DOWN).orElse(false));
        return readiness(id).orElseThrow();
    }

    private static List<Path> files(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
