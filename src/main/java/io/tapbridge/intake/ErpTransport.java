package io.tapbridge.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import io.tapbridge.settings.Settings;
import io.tapbridge.settings.StartupRefusedException;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the ERP's files travel ({@code erp.transport}): in a local folder, or on an SFTP server. Derives from the
 * settings the endpoints the routes use, so that a flow's YAML never knows the transport:
 * <ul>
 * <li>{@code erp.inbox.endpoint} and {@code erp.inbox.options}: the inboxes (the erp-inbox template adds the
 * folder and the options every transport shares);</li>
 * <li>with SFTP, {@code erp.sftp.outbox-endpoint} and {@code erp.sftp.error-endpoint}: where the routes of
 * {@code routes/erp-sftp.yaml} copy the result files and error reasons that the flows write locally.</li>
 * </ul>
 * SFTP checks host keys strictly, against {@code erp.sftp.known-hosts-file} only (never {@code ~/.ssh/known_hosts}),
 * and streams downloads, so that a file of any size is staged without being held in memory.
 */
public final class ErpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ErpTransport.class);
    /** The routes that copy results to the SFTP server: left out with the file transport. */
    public static final String SFTP_ROUTES = "erp-sftp-*";

    private final boolean sftp;
    private final String inboxEndpoint;
    private final String inboxOptions;
    private final String remote;
    private final String connection;
    private final String chmod;
    private final String description;
    private final SftpProbe probe;

    private ErpTransport(boolean sftp, String inboxEndpoint, String inboxOptions, String remote, String connection, String chmod,
            String description, SftpProbe probe) {
        this.sftp = sftp;
        this.inboxEndpoint = inboxEndpoint;
        this.inboxOptions = inboxOptions;
        this.remote = remote;
        this.connection = connection;
        this.chmod = chmod;
        this.description = description;
        this.probe = probe;
    }

    public static ErpTransport create(Settings settings, Path erpDir) {
        String kind = settings.text("erp.transport").toLowerCase(Locale.ROOT);
        List<String> shared = new ArrayList<>();
        settings.optional("erp.inbox.done-file-name").ifPresent(done -> shared.add("doneFileName=RAW(" + done + ")"));
        switch (kind) {
            case "file" -> {
                // no marker file beside the input: a long name plus ".camelLock" would pass what the file system allows
                shared.add("readLockMarkerFile=false");
                Path inbox = erpDir.resolve("inbox").toAbsolutePath().normalize();
                return new ErpTransport(false, "file:" + inbox, String.join("&", shared), null, null, null, "folder " + inbox,
                        null);
            }
            case "sftp" -> {
                return sftp(settings, shared);
            }
            default -> throw new StartupRefusedException("erp.transport must be file or sftp, not '" + kind + "'");
        }
    }

    private static ErpTransport sftp(Settings settings, List<String> shared) {
        String host = settings.text("erp.sftp.host");
        int port = settings.integer("erp.sftp.port");
        String root = settings.optional("erp.sftp.folder").map(f -> f.endsWith("/") ? f : f + "/").orElse("");
        Path knownHosts = Path.of(settings.optional("erp.sftp.known-hosts-file").orElseThrow(() -> new StartupRefusedException(
                "erp.transport=sftp needs erp.sftp.known-hosts-file: the SFTP server's host key is always checked, and only"
                        + " against that file")));
        if (!Files.isReadable(knownHosts)) {
            throw new StartupRefusedException("erp.sftp.known-hosts-file " + knownHosts + " cannot be read");
        }
        warnWithoutHostKey(knownHosts, host, port);
        String username = settings.text("erp.sftp.username");
        String key = settings.optional("erp.sftp.private-key-file").orElse(null);
        String passphrase = settings.optional("erp.sftp.private-key-passphrase").orElse(null);
        String password = settings.optional("erp.sftp.password").orElse(null);
        List<String> options = new ArrayList<>();
        options.add("username=RAW(" + username + ")");
        if (key != null) {
            if (!Files.isReadable(Path.of(key))) {
                throw new StartupRefusedException("erp.sftp.private-key-file " + key + " cannot be read");
            }
            options.add("privateKeyFile=RAW(" + key + ")");
            if (passphrase != null) {
                options.add("privateKeyPassphrase=RAW(" + passphrase + ")");
            }
        } else if (password != null) {
            options.add("password=RAW(" + password + ")");
        } else {
            throw new StartupRefusedException("erp.transport=sftp needs erp.sftp.private-key-file (or erp.sftp.password)");
        }
        options.add("knownHostsFile=RAW(" + knownHosts + ")");
        // strict, and the user's ~/.ssh/known_hosts never consulted (in 4.18.0 it would replace the file given)
        options.add("strictHostKeyChecking=yes&useUserKnownHostsFile=false");
        options.add("connectTimeout=" + settings.duration("erp.sftp.connect-timeout").toMillis());
        options.add("timeout=" + settings.duration("erp.sftp.read-timeout").toMillis());
        options.add("serverAliveInterval=" + settings.duration("erp.sftp.keep-alive-interval").toMillis());
        // one quick reconnect, then the next poll: a server that is down must not hold a consumer's thread
        options.add("maximumReconnectAttempts=1&reconnectDelay=1000");
        String connection = String.join("&", options);

        List<String> inbox = new ArrayList<>(options);
        inbox.addAll(shared);
        // streamed: the file is read as the stager parses it, never held whole in memory
        inbox.add("streamDownload=true&stepwise=false");
        // a failed connection counts as a failed poll: Camel's consumer check on /observe/health goes DOWN, and polls
        // slow down (ten times the delay after three failures) instead of logging every second
        inbox.add("throwExceptionOnConnectFailed=true&backoffErrorThreshold=3&backoffMultiplier=10");
        String remote = "sftp://" + host + ":" + port + "/" + root;
        SftpProbe probe = new SftpProbe(host, port, username, knownHosts.toString(), key, passphrase, key == null ? password : null,
                settings.duration("erp.sftp.connect-timeout"));
        return new ErpTransport(true, remote + "inbox", String.join("&", inbox), remote, connection,
                chmod(settings.filePermissions("erp.outbox.file-permissions")), "SFTP " + host + ":" + port + "/" + root, probe);
    }

    /** Said at start: a server whose key is not in the file will be refused at every connection. */
    private static void warnWithoutHostKey(Path knownHosts, String host, int port) {
        String name = port == 22 ? host : "[" + host + "]:" + port;
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(knownHosts.toString());
            HostKey[] keys = jsch.getHostKeyRepository().getHostKey(name, null);
            if (keys == null || keys.length == 0) {
                LOG.error("{} holds no host key for {}: every connection to the SFTP server will be refused until its key is"
                        + " added (ssh-keyscan -p {} {}, after comparing the fingerprint with the server's)", knownHosts, name, port, host);
            }
        } catch (JSchException e) {
            throw new StartupRefusedException("erp.sftp.known-hosts-file " + knownHosts + " cannot be read: " + e.getMessage());
        }
    }

    private static String chmod(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return Integer.toOctalString(mode);
    }

    public boolean sftp() {
        return sftp;
    }

    /** With SFTP: the login that says what is wrong with the server, in plain words. */
    public Optional<SftpProbe> probe() {
        return Optional.ofNullable(probe);
    }

    /** For the start lines: where the ERP's files are. */
    public String description() {
        return description;
    }

    /** The endpoints the routes use, as properties (see the class comment). */
    public void publish(PropertiesComponent properties) {
        properties.addOverrideProperty("erp.inbox.endpoint", inboxEndpoint);
        properties.addOverrideProperty("erp.inbox.options", inboxOptions);
        if (sftp) {
            // written under a hidden temporary name, then renamed on the server: the ERP never reads half a file
            String upload = connection + "&tempFileName=RAW(.${file:onlyname}.part)&fileExist=Override&eagerDeleteTargetFile=false"
                    + "&chmod=" + chmod;
            properties.addOverrideProperty("erp.sftp.outbox-endpoint", remote + "outbox?" + upload);
            properties.addOverrideProperty("erp.sftp.error-endpoint", remote + "error?" + upload);
        }
    }
}
