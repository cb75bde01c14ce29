package io.tapbridge.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.settings.Settings;
import org.apache.camel.spi.Registry;

/** The outbox kernel: the one {@link Outbox} every flow writes through, and each flow's results bean. */
public final class OutboxConfiguration {

    private final Outbox outbox;
    private final LedgerConfiguration ledger;
    private final Registry registry;

    private OutboxConfiguration(Outbox outbox, LedgerConfiguration ledger, Registry registry) {
        this.outbox = outbox;
        this.ledger = ledger;
        this.registry = registry;
    }

    public static OutboxConfiguration create(Settings settings, LedgerConfiguration ledger, Registry registry) throws IOException {
        Path dir = Files.createDirectories(Path.of(settings.text("erp.dir")).resolve("outbox"));
        return new OutboxConfiguration(new Outbox(dir, settings.filePermissions("erp.outbox.file-permissions"),
                settings.flag("erp.outbox.neutralise-formulas")), ledger, registry);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Binds {@code bean}: the flow's results, which its {@code flow-results} route rewrites whenever its rows change. */
    public void results(String bean, String flow, ResultFiles.Writer writer) {
        registry.bind(bean, new ResultFiles(flow, ledger.files(), writer, ledger.clock()));
    }
}
