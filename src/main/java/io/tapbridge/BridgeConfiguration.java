package io.tapbridge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.exports.ExportsConfiguration;
import io.tapbridge.intake.ErpTransport;
import io.tapbridge.intake.IntakeConfiguration;
import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.ledger.LedgerStatistics;
import io.tapbridge.machines.MachinesConfiguration;
import io.tapbridge.metadata.MetadataConfiguration;
import io.tapbridge.operations.BusinessMetrics;
import io.tapbridge.ledger.OperatorQueries;
import io.tapbridge.operations.ManagementGuard;
import io.tapbridge.operations.Operations;
import io.tapbridge.operations.ReadinessChecks;
import io.tapbridge.orders.OrdersConfiguration;
import io.tapbridge.resends.ResendsConfiguration;
import io.tapbridge.outbox.OutboxConfiguration;
import io.tapbridge.settings.Settings;
import io.tapbridge.settings.StartupRefusedException;
import io.tapbridge.tap.TapConfiguration;
import io.tapbridge.tapio.TapioConfiguration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.model.Model;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the bridge, kernel by kernel and then flow by flow, each handed what it uses: ledger → intake, outbox →
 * the TAP and tapio clients → the flows (orders; machines and metadata when {@code tapio.enabled}). Routing lives
 * in {@code routes/}; the embedded sandboxes are wired apart, by the sandbox package's own configuration.
 */
public final class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);
    /** Set by the launcher: "true" in {@code tap-bridge.jar} (demo, tests), "false" in {@code tap-bridge-prod.jar} (no sandbox). */
    static final String SANDBOX_AVAILABLE = "tapbridge.sandbox-available";
    /** The routes of the tapio flows, by id: left out when {@code tapio.enabled=false}. */
    static final String TAPIO_ROUTES = "machines-*,metadata-*,exports-tapio-*";

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        refuseSandboxWhereThereIsNone(settings);
        boolean tapioOn = settings.flag("tapio.enabled");
        // every missing key at once, before anything is opened
        settings.requireInProduction(concat(TapConfiguration.PRODUCTION_REQUIRED, LedgerConfiguration.PRODUCTION_REQUIRED));
        if (tapioOn) {
            settings.requireInProduction(concat(TapioConfiguration.PRODUCTION_REQUIRED, MachinesConfiguration.PRODUCTION_REQUIRED));
        }
        Registry registry = context.getRegistry();

        LedgerConfiguration ledger = LedgerConfiguration.open(settings, context);
        IntakeConfiguration intake = IntakeConfiguration.create(settings, ledger, context);
        OutboxConfiguration outbox = OutboxConfiguration.create(settings, ledger, registry);
        MeterRegistry meters = meters(registry);
        TapConfiguration tap = TapConfiguration.create(settings, ledger, context, meters);

        List<Path> inboxes = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        List<OAuthClientCredentials> tokens = new ArrayList<>(List.of(tap.tokens()));
        inboxes.add(OrdersConfiguration.wire(settings, ledger, intake, outbox, tap, registry));
        ResendsConfiguration resends = ResendsConfiguration.wire(settings, ledger, intake, outbox, tap, registry);
        inboxes.add(resends.inbox());
        TapioConfiguration tapio = null;
        if (tapioOn) {
            tapio = TapioConfiguration.create(settings, ledger.clock(), context, meters);
            tokens.addAll(tapio.tokens());
            inboxes.add(MachinesConfiguration.wire(settings, ledger, intake, outbox, tapio, registry));
            MetadataConfiguration.wire(settings, ledger, intake, outbox, tapio, registry);
        } else {
            leftOut.add(TAPIO_ROUTES);
            LOG.info("tapio flows off (tapio.enabled=false): routes {} left out", TAPIO_ROUTES);
        }
        if (!intake.transport().sftp()) {
            leftOut.add(ErpTransport.SFTP_ROUTES);
        }
        context.getCamelContextExtension().getContextPlugin(Model.class).setRouteFilterPattern(null, String.join(",", leftOut));
        intake.sweep(inboxes);
        ManagementGuard.install(context, settings);
        ExportsConfiguration exports = ExportsConfiguration.wire(settings, ledger, intake, outbox, tap, tapio, context);
        Operations.register(context, new OperatorQueries(ledger.database().jdbi(), ledger.clock()), exports.jobs()::names,
                exports.jobs()::run, resends.operatorResend());
        BusinessMetrics.register(new LedgerStatistics(ledger.database().jdbi()), meters, ledger.clock());
        ReadinessChecks.register(context, ledger.database(), intake.transport().sftp() ? List.of() : inboxes, tokens, sftpChecks(intake));
        announce(settings, intake, tapioOn);
        String flows = tapioOn ? "orders, machines, metadata" : "orders";
        context.addStartupListener((camel, alreadyStarted) -> LOG.info("tap-bridge ready: taking files from {} ({}){}",
                intake.transport().description(), flows, settings.flag("camel.management.enabled")
                        ? "; management on http://" + settings.text("camel.management.host") + ":" + settings.text("camel.management.port")
                                + "/observe (health, metrics, jolokia)" : ""));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                LOG.info("tap-bridge stopped; work in flight resumes at the next start");
            }
        }, true, true);
    }

    /** With SFTP: the server takes the bridge's login (host key known); the last copy to it worked. An SFTP inbox that cannot
     * be reached is DOWN in Camel's own check of its consumer (consumer:&lt;route id&gt;) too. */
    private static Map<String, Supplier<Optional<String>>> sftpChecks(IntakeConfiguration intake) {
        Map<String, Supplier<Optional<String>>> checks = new LinkedHashMap<>();
        intake.transport().probe().ifPresent(probe -> checks.put("sftp server", probe::problem));
        intake.sftpUploads().ifPresent(uploads -> checks.put("sftp uploads", uploads::problem));
        return checks;
    }

    /** Where this run's data go, said loudly: an ERP must never take the sandboxes' passcodes for real ones. */
    private static void announce(Settings settings, IntakeConfiguration intake, boolean tapioOn) {
        String profile = settings.text("camel.main.profile", "");
        LOG.info("tap-bridge{}: ERP files from {}, results and reasons written under {}{}, ledger {}",
                profile.isBlank() ? "" : " (profile " + profile + ")", intake.transport().description(),
                intake.erpDir().toAbsolutePath().normalize(), intake.transport().sftp() ? " and copied to the server" : "", settings.text("db.url").replaceAll("password=[^;&]*", "password=****"));
        boolean sandbox = settings.flag("sandbox.enabled");
        String kind = sandbox ? "the EMBEDDED SANDBOX" : "a remote endpoint";
        LOG.info("TAP Store APIs: {} (token {}): {}", settings.text("tap.base-url"), settings.text("tap.token-url"), kind);
        if (tapioOn) {
            LOG.info("tapio: {} (token {}): {}", settings.text("tapio.base-url"), settings.text("tapio.token-url"), kind);
        }
        if (sandbox) {
            LOG.warn("Running against the embedded sandboxes (sandbox.enabled=true): not one order, machine or activation here is real");
        }
    }

    /**
     * The registry of the bridge's own meters (the HTTP calls' timers), which Camel's Prometheus support exports on
     * /observe/metrics with its own: it takes the registry bound as {@code metricsRegistry} when there is one.
     */
    private static MeterRegistry meters(Registry registry) {
        MeterRegistry meters = registry.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        if (meters == null) { // Camel's metrics not started yet, or off: the one it will take
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        }
        return meters;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void refuseSandboxWhereThereIsNone(Settings settings) {
        if (!settings.flag("sandbox.enabled")) {
            return;
        }
        if ("prod".equals(settings.text("camel.main.profile", ""))) {
            throw new StartupRefusedException("tap-bridge will not start in the prod profile with sandbox.enabled=true");
        }
        if (!Boolean.parseBoolean(settings.text(SANDBOX_AVAILABLE, "true"))) {
            throw new StartupRefusedException("sandbox.enabled=true, but this is the production jar, which has no sandbox:"
                    + " point tap.base-url and tap.token-url (and tapio's) at the real APIs and set sandbox.enabled=false");
        }
    }
}
