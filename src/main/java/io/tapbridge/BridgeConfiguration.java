package io.tapbridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.erp.ErpFileStaging;
import io.tapbridge.erp.OrderFileStager;
import io.tapbridge.erp.ResultFiles;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.InstanceLeases;
import io.tapbridge.ledger.LedgerDatabase;
import io.tapbridge.ledger.OrderLines;
import io.tapbridge.ledger.PlanningClaims;
import io.tapbridge.ledger.TapActivations;
import io.tapbridge.ledger.TapBatches;
import io.tapbridge.ledger.TapCalls;
import io.tapbridge.tap.BatchPlanner;
import io.tapbridge.tap.OrderEnricher;
import io.tapbridge.tap.OrderReconciliation;
import io.tapbridge.tap.OrderValidator;
import io.tapbridge.tap.RenewalParts;
import io.tapbridge.tap.TapCatalogue;
import io.tapbridge.tap.TapOrderPoller;
import io.tapbridge.tap.TapOrderSender;
import io.tapbridge.tap.TapStoreClient;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the beans the YAML routes call, from the settings: the ledger, the TAP client, the steps of the order
 * flow. Routing itself lives in {@code routes/}; the embedded sandboxes are wired apart, by the sandbox package's own
 * configuration.
 */
public final class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);
    /** Set by the launcher: "true" in {@code tap-bridge.jar} (demo, tests), "false" in {@code tap-bridge-prod.jar} (no sandbox). */
    static final String SANDBOX_AVAILABLE = "tapbridge.sandbox-available";
    private static final List<String> PRODUCTION_REQUIRED = List.of("tap.base-url", "tap.token-url", "tap.client-id",
            "tap.client-secret", "db.url");

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        refuseIncompleteProduction(settings, PRODUCTION_REQUIRED);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();

        if (settings.flag("sandbox.enabled") && !Boolean.parseBoolean(settings.text(SANDBOX_AVAILABLE, "true"))) {
            throw new StartupRefusedException("sandbox.enabled=true, but this is the production jar, which has no sandbox:"
                    + " point tap.base-url and tap.token-url (and tapio's) at the real APIs and set sandbox.enabled=false");
        }

        LedgerDatabase ledger = new LedgerDatabase(settings.text("db.url"), settings.text("db.username", ""),
                settings.text("db.password", ""), settings.integer("db.pool-size"));
        closeOnStop(context, ledger);
        var jdbi = ledger.jdbi();
        ErpFiles files = new ErpFiles(jdbi);
        ErpFileStaging staging = new ErpFileStaging(jdbi, files, clock);
        registry.bind("ledger", ledger);
        registry.bind("erpFileStaging", staging);
        registry.bind("erpFileNames", new io.tapbridge.erp.ErpFileNames());
        io.tapbridge.erp.OutboxFile.neutraliseFormulas(settings.flag("erp.outbox.neutralise-formulas"));
        OrderLines lines = new OrderLines(jdbi, json);
        String instance = instanceName(settings);
        InstanceLeases leases = new InstanceLeases(jdbi, clock, instance, settings.duration("tap.lease"),
                settings.duration("tapio.lease"), settings.duration("erp.planning-lease"));
        refuseLeasesShorterThanHeartbeats(settings);
        leases.takeBack(); // before any route starts: what the previous run of this instance had in flight resumes at once
        registry.bind("instanceLeases", leases);
        TapBatches batches = new TapBatches(jdbi, new TapCalls(clock), clock, instance, settings.duration("tap.lease"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.duration("tap.connect-timeout")).build();
        OAuthClientCredentials tokens = new OAuthClientCredentials("TAP", http, URI.create(settings.text("tap.token-url")),
                settings.text("tap.client-id"), settings.text("tap.client-secret"), Map.of("scope", settings.text("tap.scope", "")),
                OAuthClientCredentials.ClientAuth.valueOf(settings.text("tap.token-auth").toUpperCase(java.util.Locale.ROOT)),
                settings.duration("tap.token-refresh-margin"), settings.duration("tap.read-timeout"), clock);
        Backoff backoff = new Backoff(settings.duration("tap.retry.initial-delay"), settings.duration("tap.retry.max-delay"));
        TapStoreClient client = new TapStoreClient(http, URI.create(settings.text("tap.base-url")), tokens, json,
                settings.integer("tap.max-concurrency"), settings.duration("tap.read-timeout"), backoff,
                settings.integer("tap.retry.read-attempts"), settings.duration("tap.retry.longest-in-call-wait"));
        TapCatalogue catalogue = new TapCatalogue(jdbi, client, json, clock, settings.duration("tap.catalogue.miss-refresh-age"));

        Path erpDir = Path.of(settings.text("erp.dir"));
        registry.bind("tapTokens", tokens);
        registry.bind("erpFiles", files);
        registry.bind("orderLines", lines);
        registry.bind("tapBatches", batches);
        registry.bind("tapCatalogue", catalogue);
        registry.bind("orderFileStager", new OrderFileStager(staging, lines));
        registry.bind("orderValidator", new OrderValidator(clock, ZoneId.of(settings.text("tap.store-time-zone")),
                settings.integer("tap.service-start-max-days-ahead"), settings.listFile("tap.carriers-file")));
        String bundleParts = settings.text("tap.bundle-parts");
        if (!List.of("substitute", "reject").contains(bundleParts)) {
            throw new StartupRefusedException("tap.bundle-parts must be substitute or reject, not '" + bundleParts + "'");
        }
        registry.bind("orderEnricher", new OrderEnricher(catalogue, RenewalParts.load(Path.of(settings.text("tap.renewal-parts-file"))),
                "substitute".equals(bundleParts)));
        PlanningClaims planning = new PlanningClaims(jdbi, clock, instance, settings.duration("erp.planning-lease"));
        registry.bind("planningClaims", planning);
        registry.bind("batchPlanner", new BatchPlanner(jdbi, lines, batches, planning, client, settings.integer("tap.batch-size")));
        if (settings.duration("tap.reconcile.settle-time").compareTo(settings.duration("tap.read-timeout")) <= 0) {
            throw new StartupRefusedException("tap.reconcile.settle-time must be longer than tap.read-timeout: TAP's \"no such order\""
                    + " is believed only once a create call has certainly ended");
        }
        registry.bind("tapOrderSender", new TapOrderSender(client, batches, new OrderReconciliation(client, batches, clock), backoff,
                settings.duration("tap.poll-interval"), settings.duration("tap.reconcile.settle-time"), clock));
        registry.bind("tapOrderPoller", new TapOrderPoller(client, batches, new TapActivations(jdbi, clock), backoff,
                settings.duration("tap.poll-interval"), settings.duration("tap.on-hold.longest-poll-interval"),
                settings.duration("tap.activation.poll-interval"), clock));
        registry.bind("resultFiles", new ResultFiles(jdbi, files, batches, erpDir.resolve("outbox"),
                settings.filePermissions("erp.outbox.file-permissions"), clock));
        registry.bind("erpInboxSweeper", new io.tapbridge.erp.InboxSweeper(List.of(erpDir.resolve("inbox/orders"),
                erpDir.resolve("inbox/machines")), erpDir.resolve("error"), settings.filePermissions("erp.outbox.file-permissions")));
        for (String folder : List.of("inbox/orders", "outbox", "archive", "error")) {
            Files.createDirectories(erpDir.resolve(folder));
        }
        LOG.info("tap-bridge: ERP folders under {}, ledger {}, TAP {}", erpDir.toAbsolutePath().normalize(),
                settings.text("db.url").replaceAll("password=[^;&]*", "password=****"), settings.text("tap.base-url"));
    }

    /** In the prod profile, every key of {@code required} must have a value, and the sandbox must be off. */
    static void refuseIncompleteProduction(Settings settings, List<String> required) {
        if (!"prod".equals(settings.text("camel.main.profile", ""))) {
            return;
        }
        List<String> missing = required.stream().filter(k -> settings.optional(k).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new StartupRefusedException("tap-bridge will not start in the prod profile without " + String.join(", ", missing)
                    + ": set " + (missing.size() > 1 ? "them" : "it") + " in config/application-prod.properties or as "
                    + String.join(", ", missing.stream().map(Settings::envName).toList()));
        }
        if (settings.flag("sandbox.enabled")) {
            throw new StartupRefusedException("tap-bridge will not start in the prod profile with sandbox.enabled=true");
        }
    }

    /**
     * This instance's stable id, the owner of its claims in the ledger: {@code instance.id}, or else the id kept in
     * {@code instance.id-file} (made once, from the host name and a random part). It survives restarts, so that a
     * restarted instance knows its own in-flight work; two instances sharing a ledger must have different ids.
     */
    static String instanceName(Settings settings) throws java.io.IOException {
        java.util.Optional<String> configured = settings.optional("instance.id");
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = Path.of(settings.text("instance.id-file"));
        synchronized (BridgeConfiguration.class) {
            if (!Files.exists(file)) {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                String host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
                String id = settings.text("camel.main.name", "tap-bridge") + "@" + host + "-"
                        + java.util.UUID.randomUUID().toString().substring(0, 8);
                Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
    }

    /** The heartbeat must renew every lease well before it runs out, or a live instance would lose its claims. */
    private static void refuseLeasesShorterThanHeartbeats(Settings settings) {
        java.time.Duration heartbeat = settings.duration("instance.heartbeat-interval");
        for (String key : List.of("tap.lease", "tapio.lease", "erp.planning-lease")) {
            if (settings.duration(key).compareTo(heartbeat.multipliedBy(3)) < 0) {
                throw new StartupRefusedException(key + " (" + settings.text(key) + ") must be at least three times"
                        + " instance.heartbeat-interval (" + settings.text("instance.heartbeat-interval") + ")");
            }
        }
    }

    /** Closes what the bridge opened when Camel stops, after the routes. */
    static void closeOnStop(CamelContext context, AutoCloseable resource) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        }, true, true);
    }
}
