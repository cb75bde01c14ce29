package io.tapbridge.orders;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.intake.IntakeConfiguration;
import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.ledger.OrderLines;
import io.tapbridge.ledger.PlanningClaims;
import io.tapbridge.ledger.TapActivations;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.ledger.TapCalls;
import io.tapbridge.outbox.OutboxConfiguration;
import io.tapbridge.settings.Settings;
import io.tapbridge.settings.StartupRefusedException;
import io.tapbridge.tap.TapConfiguration;
import org.apache.camel.spi.Registry;

/**
 * The orders flow ({@code routes/orders.yaml}): order files → validation, enrichment, 20-line batches → TAP creates,
 * reconciles and polls → ack and status files. Binds the beans its routes name.
 */
public final class OrdersConfiguration {

    private OrdersConfiguration() {
    }

    /** @return the flow's inbox */
    public static Path wire(Settings settings, LedgerConfiguration ledger, IntakeConfiguration intake, OutboxConfiguration outbox,
            TapConfiguration tap, Registry registry) throws Exception {
        if (settings.duration("tap.reconcile.settle-time").compareTo(settings.duration("tap.read-timeout")) <= 0) {
            throw new StartupRefusedException("tap.reconcile.settle-time must be longer than tap.read-timeout: TAP's \"no such order\""
                    + " is believed only once a create call has certainly ended");
        }
        String bundleParts = settings.text("tap.bundle-parts");
        if (!List.of("substitute", "reject").contains(bundleParts)) {
            throw new StartupRefusedException("tap.bundle-parts must be substitute or reject, not '" + bundleParts + "'");
        }
        var jdbi = ledger.database().jdbi();
        var clock = ledger.clock();
        OrderLines lines = new OrderLines(jdbi, new ObjectMapper());
        TapBatches batches = new TapBatches(jdbi, new TapCalls(clock), clock, ledger.instance(), settings.duration("tap.lease"));
        PlanningClaims planning = new PlanningClaims(jdbi, clock, ledger.instance(), settings.duration("erp.planning-lease"));
        registry.bind("orderLines", lines);
        registry.bind("tapBatches", batches);
        registry.bind("planningClaims", planning);
        registry.bind("orderFileStager", new OrderFileStager(intake.staging(), lines));
        registry.bind("orderValidator", new OrderValidator(clock, ZoneId.of(settings.text("tap.store-time-zone")),
                settings.integer("tap.service-start-max-days-ahead"), settings.listFile("tap.carriers-file")));
        registry.bind("orderEnricher", new OrderEnricher(tap.catalogue(), RenewalParts.load(Path.of(settings.text("tap.renewal-parts-file"))),
                "substitute".equals(bundleParts)));
        registry.bind("batchPlanner", new BatchPlanner(ledger.database(), lines, batches, planning, settings.integer("tap.batch-size")));
        registry.bind("tapOrderSender", new TapOrderSender(tap.client(), batches, new OrderReconciliation(tap.client(), batches, clock),
                tap.backoff(), settings.duration("tap.poll-interval"), settings.duration("tap.reconcile.settle-time"), clock));
        registry.bind("tapOrderPoller", new TapOrderPoller(tap.client(), batches, new TapActivations(jdbi, clock), tap.backoff(),
                settings.duration("tap.poll-interval"), settings.duration("tap.on-hold.longest-poll-interval"),
                settings.duration("tap.activation.poll-interval"), clock));
        outbox.results("orderResults", OrderFileStager.FLOW,
                new OrderResultFiles(ledger.files(), lines, batches, outbox.outbox(), clock));
        return intake.inbox("orders");
    }
}
