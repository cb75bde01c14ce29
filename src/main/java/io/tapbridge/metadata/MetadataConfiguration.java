package io.tapbridge.metadata;

import java.nio.file.Files;

import io.tapbridge.intake.IntakeConfiguration;
import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.ledger.MetadataUploads;
import io.tapbridge.outbox.OutboxConfiguration;
import io.tapbridge.settings.Settings;
import io.tapbridge.tapio.TapioConfiguration;
import org.apache.camel.spi.Registry;

/**
 * The metadata flow ({@code routes/metadata.yaml}): JSON files below {@code inbox/metadata/<tmid>/<scope>/} →
 * tapio machine metadata; a scheduled report of every machine's keys. Binds {@code machineMetadata}.
 */
public final class MetadataConfiguration {

    private MetadataConfiguration() {
    }

    public static void wire(Settings settings, LedgerConfiguration ledger, IntakeConfiguration intake, OutboxConfiguration outbox,
            TapioConfiguration tapio, Registry registry) throws Exception {
        intake.inbox("metadata");
        Files.createDirectories(outbox.outbox().dir().resolve("reports"));
        registry.bind("machineMetadata", new MachineMetadata(tapio.client(), new MetadataUploads(ledger.database().jdbi(), ledger.clock()),
                outbox.outbox(), settings.integer("tapio.metadata.page-size")));
    }
}
