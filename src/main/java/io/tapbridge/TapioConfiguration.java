package io.tapbridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.erp.ErpFileStaging;
import io.tapbridge.erp.MachineFileStager;
import io.tapbridge.erp.MachineResultFiles;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.ledger.ErpFiles;
import io.tapbridge.ledger.LedgerDatabase;
import io.tapbridge.ledger.MachineRows;
import io.tapbridge.ledger.MachineSteps;
import io.tapbridge.ledger.MetadataUploads;
import io.tapbridge.tapio.CustomerMail;
import io.tapbridge.tapio.MachineMetadata;
import io.tapbridge.tapio.MachineRowRules;
import io.tapbridge.tapio.MachineWork;
import io.tapbridge.tapio.TapioClient;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans of the tapio flows (machines files → tapio), on the ledger and ERP folders that
 * {@link BridgeConfiguration} set up.
 */
public final class TapioConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TapioConfiguration.class);
    private static final List<String> PRODUCTION_REQUIRED = List.of("tapio.base-url", "tapio.token-url",
            "tapio.manufacturer.client-id", "tapio.manufacturer.client-secret", "tapio.developer.client-id",
            "tapio.developer.client-secret", "tapio.manufacturer-id");

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context.getPropertiesComponent());
        if (!settings.flag("tapio.enabled")) {
            LOG.info("tapio flows off (tapio.enabled=false)");
            return;
        }
        BridgeConfiguration.refuseIncompleteProduction(settings, PRODUCTION_REQUIRED);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();

        var jdbi = registry.lookupByNameAndType("ledger", LedgerDatabase.class).jdbi();
        ErpFiles files = registry.lookupByNameAndType("erpFiles", ErpFiles.class);
        String owner = BridgeConfiguration.instanceName(settings);
        MachineRows rows = new MachineRows(jdbi, json, clock, owner, settings.duration("tapio.lease"));
        MachineSteps steps = new MachineSteps(jdbi, rows);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.duration("tapio.connect-timeout")).build();
        TapioClient tapio = new TapioClient(http, URI.create(settings.text("tapio.base-url")),
                tokens("tapio manufacturer", "tapio.manufacturer", http, settings, clock),
                tokens("tapio developer", "tapio.developer", http, settings, clock),
                json, settings.integer("tapio.max-concurrency"), settings.duration("tapio.read-timeout"));

        Path erpDir = Path.of(settings.text("erp.dir"));
        Path outbox = erpDir.resolve("outbox");
        registry.bind("machineRows", rows);
        MachineRowRules rules = new MachineRowRules(settings.listFile("tapio.time-zones-file"), settings.listFile("tapio.device-subtypes-file"));
        registry.bind("machineFileStager", new MachineFileStager(registry.lookupByNameAndType("erpFileStaging", ErpFileStaging.class), rows, rules));
        registry.bind("machineWork", new MachineWork(tapio, rows, steps, rules, settings.text("tapio.manufacturer-id"),
                new CustomerMail(Path.of(settings.text("tapio.mail-templates"))), outbox.resolve("connectors"),
                new Backoff(settings.duration("tapio.retry.initial-delay"), settings.duration("tapio.retry.max-delay")), clock));
        var resultPermissions = settings.filePermissions("erp.outbox.file-permissions");
        registry.bind("machineResultFiles", new MachineResultFiles(files, rows, steps, outbox, resultPermissions, clock));
        registry.bind("machineMetadata", new MachineMetadata(tapio, new MetadataUploads(jdbi, clock), outbox.resolve("reports"),
                resultPermissions,
                settings.integer("tapio.metadata.page-size")));
        for (String folder : List.of("inbox/machines", "inbox/metadata", "outbox/connectors", "outbox/reports")) {
            Files.createDirectories(erpDir.resolve(folder));
        }
    }

    /** One OAuth2 client of tapio's Azure AD tenant: {@code resource} (v1 endpoint) or {@code scope} (v2), whichever is set. */
    private static OAuthClientCredentials tokens(String name, String prefix, HttpClient http, Settings settings, Clock clock) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("resource", settings.text("tapio.resource", ""));
        parameters.put("scope", settings.text("tapio.scope", ""));
        return new OAuthClientCredentials(name, http, URI.create(settings.text("tapio.token-url")), settings.text(prefix + ".client-id"),
                settings.text(prefix + ".client-secret"), parameters, OAuthClientCredentials.ClientAuth.FORM,
                settings.duration("tapio.token-refresh-margin"), settings.duration("tapio.read-timeout"), clock);
    }
}
