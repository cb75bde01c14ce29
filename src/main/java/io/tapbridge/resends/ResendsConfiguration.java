package io.tapbridge.resends;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.BiFunction;

import io.tapbridge.intake.ErpFileStaging;
import io.tapbridge.intake.IntakeConfiguration;
import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.ledger.ResendRows;
import io.tapbridge.outbox.OutboxConfiguration;
import io.tapbridge.settings.Settings;
import io.tapbridge.tap.TapConfiguration;
import org.apache.camel.spi.Registry;
import org.apache.commons.csv.CSVFormat;

/**
 * The resend flow ({@code routes/resends.yaml}): resend files → checked rows → TAP_RESEND_ACTIVATION_API, each at most
 * once → status files. Binds the beans its routes name.
 */
public final class ResendsConfiguration {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);

    private final Path inbox;
    private final ResendFileStager stager;
    private final LedgerConfiguration ledger;

    private ResendsConfiguration(Path inbox, ResendFileStager stager, LedgerConfiguration ledger) {
        this.inbox = inbox;
        this.stager = stager;
        this.ledger = ledger;
    }

    public static ResendsConfiguration wire(Settings settings, LedgerConfiguration ledger, IntakeConfiguration intake,
            OutboxConfiguration outbox, TapConfiguration tap, Registry registry) throws Exception {
        ResendRows rows = new ResendRows(ledger.database().jdbi(), ledger.clock(), ledger.instance(), settings.duration("tap.lease"));
        ResendFileStager stager = new ResendFileStager(intake.staging(), rows, ledger.files());
        registry.bind("resendRows", rows);
        registry.bind("resendFileStager", stager);
        registry.bind("resendSender", new ResendSender(tap.client(), rows, ledger.clock(), settings.duration("tap.resend-retry-delay")));
        outbox.results("resendResults", ResendFileStager.FLOW, new ResendResultFiles(ledger.files(), rows, outbox.outbox()));
        return new ResendsConfiguration(intake.inbox("resend"), stager, ledger);
    }

    public Path inbox() {
        return inbox;
    }

    /**
     * An operator's resend (serial number, part number or blank), recorded as a resend file of one row named
     * {@code operator-resend-<serial>-<time>.csv}, and sent and reported as any file's row.
     */
    public BiFunction<String, String, String> operatorResend() {
        return (serial, partNumber) -> {
            String csv = CSVFormat.RFC4180.format("serialNumber", "partNumber") + "\r\n"
                    + CSVFormat.RFC4180.format(serial == null ? "" : serial, partNumber == null ? "" : partNumber) + "\r\n";
            String name = "operator-resend-" + (serial == null ? "" : serial.replaceAll("[^A-Za-z0-9._-]", "_"))
                    + "-" + STAMP.format(ledger.clock().instant()) + ".csv";
            ErpFileStaging.Staged staged = stager.stage(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), name);
            return name + " (file #" + staged.fileId() + ")";
        };
    }
}
