package io.tapbridge.exports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.intake.IntakeConfiguration;
import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.ledger.MachineRows;
import io.tapbridge.outbox.OutboxConfiguration;
import io.tapbridge.settings.Settings;
import io.tapbridge.tap.TapConfiguration;
import io.tapbridge.tapio.TapioConfiguration;
import org.apache.camel.CamelContext;

/**
 * The scheduled exports ({@code routes/exports.yaml}): what TAP knows (customers, models, products) and tapio's
 * licences written to {@code outbox/reports/} on Quartz crons, and every scheduled job runnable at once by name. Binds the beans its
 * routes name.
 */
public final class ExportsConfiguration {

    private final ExportJobs jobs;

    private ExportsConfiguration(ExportJobs jobs) {
        this.jobs = jobs;
    }

    /**
     * @param tapio the tapio client, or null when the tapio flows are off (no tapio exports then)
     */
    public static ExportsConfiguration wire(Settings settings, LedgerConfiguration ledger, IntakeConfiguration intake,
            OutboxConfiguration outbox, TapConfiguration tap, TapioConfiguration tapio, CamelContext camel) throws Exception {
        camel.getRegistry().bind("tapExports", new TapExports(tap.catalogue(), outbox.outbox(),
                Set.copyOf(settings.commaList("exports.tap-products.bill-to-sites"))));
        // job name (the export's file name without .csv) → its Quartz trigger
        Map<String, String> triggers = new LinkedHashMap<>();
        for (String export : new String[] {"tap-customers", "tap-models", "tap-products"}) {
            triggers.put(export, "exports-" + export);
        }
        if (tapio != null) {
            List<String> applications = settings.commaList("exports.tapio-licenses.applications");
            MachineRows rows = new MachineRows(ledger.database().jdbi(), new ObjectMapper(), ledger.clock(), ledger.instance(),
                    settings.duration("tapio.lease"));
            camel.getRegistry().bind("tapioExports", new TapioExports(tapio.client(), outbox.outbox(),
                    () -> applications.isEmpty() ? rows.applicationIdsNamed() : applications));
            triggers.put("tapio-licenses", "exports-tapio-licenses");
            triggers.put("metadata-keys", "metadata-report");
        }
        ExportJobs jobs = new ExportJobs(camel, triggers);
        camel.getRegistry().bind("exportJobs", jobs);
        intake.inbox("jobs");
        return new ExportsConfiguration(jobs);
    }

    public ExportJobs jobs() {
        return jobs;
    }
}
