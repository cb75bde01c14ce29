package io.tapbridge.exports;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.tapbridge.intake.IntakeConfiguration;
import io.tapbridge.outbox.OutboxConfiguration;
import io.tapbridge.settings.Settings;
import io.tapbridge.tap.TapConfiguration;
import org.apache.camel.CamelContext;

/**
 * The scheduled exports ({@code routes/exports.yaml}): what TAP knows (customers, models, products) written to
 * {@code outbox/reports/} on Quartz crons, and every scheduled job runnable at once by name. Binds the beans its
 * routes name.
 */
public final class ExportsConfiguration {

    private final ExportJobs jobs;

    private ExportsConfiguration(ExportJobs jobs) {
        this.jobs = jobs;
    }

    /**
     * @param tapioOn whether the metadata flow runs: its keys report is then a job too
     */
    public static ExportsConfiguration wire(Settings settings, IntakeConfiguration intake, OutboxConfiguration outbox, TapConfiguration tap,
            boolean tapioOn, CamelContext camel) throws Exception {
        String sites = settings.text("exports.tap-products.bill-to-sites", "");
        camel.getRegistry().bind("tapExports", new TapExports(tap.catalogue(), outbox.outbox(),
                Arrays.stream(sites.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet())));
        // job name (the export's file name without .csv) → its Quartz trigger
        Map<String, String> triggers = new LinkedHashMap<>();
        for (String export : new String[] {"tap-customers", "tap-models", "tap-products"}) {
            triggers.put(export, "exports-" + export);
        }
        if (tapioOn) {
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
