package io.tapbridge.ledger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tapbridge.settings.Settings;
import io.tapbridge.settings.StartupRefusedException;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The ledger kernel, wired first: the database (closed after the routes stop), the files table, this instance's
 * stable id and the leases its heartbeat renews. Beans for the routes: {@code erpFiles}, {@code instanceLeases}.
 *
 * @param instance this instance's stable id, the owner of its claims
 */
public record LedgerConfiguration(LedgerDatabase database, ErpFiles files, InstanceLeases leases, String instance, Clock clock) {

    /** What the prod profile must be given (the defaults point at an embedded H2 file). */
    public static final List<String> PRODUCTION_REQUIRED = List.of("db.url");
    /** Every lease the heartbeat renews, by its setting. */
    private static final List<String> LEASES = List.of("tap.lease", "tapio.lease", "erp.planning-lease");

    public static LedgerConfiguration open(Settings settings, CamelContext context) throws Exception {
        refuseLeasesShorterThanHeartbeats(settings);
        Clock clock = Clock.systemUTC();
        Optional<Path> h2Folder = LedgerDatabase.embeddedFolder(settings.text("db.url"));
        if (h2Folder.isPresent()) {
            // the ledger holds passcodes and device keys: its folder is not for other users of this machine
            Files.createDirectories(h2Folder.get());
            Files.setPosixFilePermissions(h2Folder.get(), settings.filePermissions("data.directory-permissions"));
        }
        LedgerDatabase database = new LedgerDatabase(settings.text("db.url"), settings.text("db.username", ""),
                settings.text("db.password", ""), settings.integer("db.pool-size"));
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                database.close();
            }
        }, true, true);
        String instance = instanceName(settings);
        InstanceLeases leases = new InstanceLeases(database.jdbi(), clock, instance, settings.duration("tap.lease"),
                settings.duration("tapio.lease"), settings.duration("erp.planning-lease"));
        leases.takeBack(); // before any route starts: what the previous run of this instance had in flight resumes at once
        ErpFiles files = new ErpFiles(database.jdbi());
        context.getRegistry().bind("ledger", database);
        context.getRegistry().bind("erpFiles", files);
        context.getRegistry().bind("instanceLeases", leases);
        return new LedgerConfiguration(database, files, leases, instance, clock);
    }

    /**
     * This instance's stable id: {@code instance.id}, or else the id kept in {@code instance.id-file} (made once,
     * from the host name and a random part). It survives restarts, so that a restarted instance knows its own
     * in-flight work; two instances sharing a ledger must have different ids.
     */
    static String instanceName(Settings settings) throws IOException {
        Optional<String> configured = settings.optional("instance.id");
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = Path.of(settings.text("instance.id-file"));
        synchronized (LedgerConfiguration.class) {
            if (!Files.exists(file)) {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
                String id = settings.text("camel.main.name", "tap-bridge") + "@" + host + "-" + UUID.randomUUID().toString().substring(0, 8);
                Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
    }

    /** The heartbeat must renew every lease well before it runs out, or a live instance would lose its claims. */
    private static void refuseLeasesShorterThanHeartbeats(Settings settings) {
        Duration heartbeat = settings.duration("instance.heartbeat-interval");
        for (String key : LEASES) {
            if (settings.duration(key).compareTo(heartbeat.multipliedBy(3)) < 0) {
                throw new StartupRefusedException(key + " (" + settings.text(key) + ") must be at least three times"
                        + " instance.heartbeat-interval (" + settings.text("instance.heartbeat-interval") + ")");
            }
        }
    }
}
