package io.tapbridge.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * The intake kernel: staging of any format from any transport ({@link ErpTransport}: a folder or SFTP), and the ERP
 * folders every inbox shares ({@code archive/}, {@code error/}). Beans for the routes: {@code erpFileNames} (the file-error configuration);
 * {@code erpInboxSweeper} once the flows have named their inboxes.
 */
public final class IntakeConfiguration {

    private final ErpFileStaging staging;
    private final Path erpDir;
    private final Set<PosixFilePermission> reasonPermissions;
    private final Registry registry;
    private final ErpTransport transport;
    private final SftpUploads uploads;

    private IntakeConfiguration(ErpFileStaging staging, Path erpDir, Set<PosixFilePermission> reasonPermissions, Registry registry,
            ErpTransport transport, SftpUploads uploads) {
        this.staging = staging;
        this.erpDir = erpDir;
        this.reasonPermissions = reasonPermissions;
        this.registry = registry;
        this.transport = transport;
        this.uploads = uploads;
    }

    public static IntakeConfiguration create(Settings settings, LedgerConfiguration ledger, CamelContext camel) throws IOException {
        Registry registry = camel.getRegistry();
        Path erpDir = Path.of(settings.text("erp.dir"));
        for (String folder : List.of("archive", "error")) {
            Files.createDirectories(erpDir.resolve(folder));
        }
        // archived input files hold device keys: for the bridge's user only (or its group, as configured)
        Files.setPosixFilePermissions(erpDir.resolve("archive"), settings.filePermissions("data.directory-permissions"));
        registry.bind("erpFileNames", new ErpFileNames());
        ErpTransport transport = ErpTransport.create(settings, erpDir);
        transport.publish(camel.getPropertiesComponent());
        SftpUploads uploads = null;
        if (transport.sftp()) {
            uploads = new SftpUploads(transport.description());
            registry.bind("erpSftpUploads", uploads);
            registry.bind("erpSftpProbe", transport.probe().orElseThrow());
            Path uploaded = Path.of(settings.text("erp.sftp.uploaded-file"));
            Files.createDirectories(uploaded.toAbsolutePath().getParent());
            // keys of the copies made; 100,000 kept (a file rewritten after its key was dropped is merely copied again)
            registry.bind("erpSftpUploaded", FileIdempotentRepository.fileIdempotentRepository(uploaded.toFile(), 100_000, 32L << 20));
        }
        return new IntakeConfiguration(new ErpFileStaging(ledger.database(), ledger.files(), ledger.clock()), erpDir,
                settings.filePermissions("erp.outbox.file-permissions"), registry, transport, uploads);
    }

    public ErpTransport transport() {
        return transport;
    }

    /** With SFTP: how the copies to the server go. */
    public Optional<SftpUploads> sftpUploads() {
        return Optional.ofNullable(uploads);
    }

    public ErpFileStaging staging() {
        return staging;
    }

    public Path erpDir() {
        return erpDir;
    }

    /** A flow's inbox folder below {@code erp.dir}, created if missing. */
    public Path inbox(String name) throws IOException {
        return Files.createDirectories(erpDir.resolve("inbox").resolve(name));
    }

    /** Files whose names the file consumers cannot carry are parked in error/ from these inboxes. */
    public void sweep(List<Path> inboxes) {
        registry.bind("erpInboxSweeper", new InboxSweeper(inboxes, erpDir.resolve("error"), reasonPermissions));
    }
}
