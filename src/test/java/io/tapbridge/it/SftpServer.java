package io.tapbridge.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server in the test's JVM (Apache MINA SSHD): key authentication for one user, a host key the test
 * writes into a known-hosts file, a root folder on disk, and the faults a network has (the connection cut in the
 * middle of a download or an upload, the server down for a while). It counts directory listings, so that a test can
 * wait until the bridge has looked at a folder, instead of sleeping.
 */
public final class SftpServer implements AutoCloseable {

    static final String USER = "erp-bridge";

    private final Path root;
    private final KeyPair hostKey;
    private final KeyPair clientKey;
    private final Map<String, AtomicInteger> listings = new ConcurrentHashMap<>();
    private volatile String cutReadOf;
    private volatile String cutWriteOf;
    private volatile int port;
    private SshServer server;

    private SftpServer(Path root) throws GeneralSecurityException {
        this.root = root;
        this.hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        this.clientKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    }

    /**
     * A server to try the bridge's SFTP transport by hand: {@code <root folder> <port>}. Prints the environment that
     * points the bridge (and bin/demo) at it, and runs until stopped.
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "data/sftp-server").toAbsolutePath();
        SftpServer sftp = new SftpServer(Files.createDirectories(root.resolve("files")));
        sftp.startOn(args.length > 1 ? Integer.parseInt(args[1]) : 2222);
        System.out.println("SFTP server on 127.0.0.1:" + sftp.port() + ", files in " + sftp.root() + "; for the bridge:");
        sftp.bridgeSettings(root.resolve("client")).entrySet().stream()
                .filter(e -> e.getKey().startsWith("erp.") && !e.getKey().contains("timeout") && !e.getKey().contains("delay")
                        && !e.getKey().contains("interval") && !e.getKey().contains("uploaded"))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> System.out.println("export " + io.tapbridge.settings.Settings.envName(e.getKey()) + "=" + e.getValue()));
        Thread.currentThread().join();
    }

    /** A server on a free loopback port, its files under {@code root}. */
    public static SftpServer start(Path root) {
        try {
            Files.createDirectories(root);
            SftpServer sftp = new SftpServer(root);
            sftp.startOn(0);
            return sftp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startOn(int wantedPort) throws IOException {
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost("127.0.0.1");
        ssh.setPort(wantedPort);
        ssh.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        ssh.setPublickeyAuthenticator((user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        ssh.setPasswordAuthenticator(null);
        ssh.setKeyboardInteractiveAuthenticator(null);
        ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new Faults());
        ssh.setSubsystemFactories(List.of(sftp));
        ssh.start();
        server = ssh;
        port = ssh.getPort();
    }

    public int port() {
        return port;
    }

    public Path root() {
        return root;
    }

    /** Stops the server (every session cut), as a server going down does. */
    void stop() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again on the same port, with the same keys and files. */
    void restart() {
        try {
            startOn(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next download of a file of this name is cut off in its middle: at its second block. */
    void cutNextDownloadOf(String name) {
        cutReadOf = name;
    }

    /** The next upload whose name contains this text is cut off at its first block. */
    void cutNextUploadOf(String nameContains) {
        cutWriteOf = nameContains;
    }

    /** How often a folder (relative to the root, e.g. {@code inbox/orders}) has been listed. */
    int listings(String folder) {
        return listings.getOrDefault(folder, new AtomicInteger()).get();
    }

    /** The settings that point the bridge at this server: its host key known, the client's key in {@code dir}. */
    public Map<String, String> bridgeSettings(Path dir) {
        return bridgeSettings(dir, hostKey);
    }

    /** As {@link #bridgeSettings(Path)}, but with another host key in the known-hosts file: the server must be refused. */
    Map<String, String> bridgeSettingsWithWrongHostKey(Path dir) throws GeneralSecurityException {
        return bridgeSettings(dir, KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256));
    }

    private Map<String, String> bridgeSettings(Path dir, KeyPair knownHostKey) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve("id_ecdsa");
            try (OutputStream out = Files.newOutputStream(key)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "tap-bridge test", null, out);
            }
            // as ssh and sftp want a private key: the owner's only
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(knownHostKey.getPublic()) + "\n");
            return Map.ofEntries(
                    Map.entry("erp.transport", "sftp"),
                    Map.entry("erp.sftp.host", "127.0.0.1"),
                    Map.entry("erp.sftp.port", String.valueOf(port)),
                    Map.entry("erp.sftp.username", USER),
                    Map.entry("erp.sftp.private-key-file", key.toString()),
                    Map.entry("erp.sftp.known-hosts-file", knownHosts.toString()),
                    Map.entry("erp.sftp.uploaded-file", dir.resolve("sftp-uploaded.txt").toString()),
                    Map.entry("erp.sftp.connect-timeout", "3s"),
                    Map.entry("erp.sftp.probe-interval", "1s"),
                    Map.entry("erp.sftp.upload-delay", "200"),
                    Map.entry("erp.sftp.read-timeout", "5s"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file into a folder on the server under a temporary name and renames it, as a well-behaved ERP does. */
    Path drop(String folder, String name, String content) {
        try {
            Path dir = Files.createDirectories(root.resolve(folder));
            Path temp = dir.resolve(name + ".tmp");
            Files.writeString(temp, content);
            return Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    @Override
    public void close() {
        stop();
    }

    /** Counts listings; cuts the session where a test asked for it. */
    private final class Faults implements SftpEventListener {
        @Override
        public void readEntries(ServerSession session, String remoteHandle, DirectoryHandle localHandle, Map<String, Path> entries) {
            // the session's file system is rooted at the server's folder: its paths read "/inbox/orders"
            String folder = localHandle.getFile().toString().replaceFirst("^/+", "");
            listings.computeIfAbsent(folder, f -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void read(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data, int dataOffset,
                int dataLen, int readLen, Throwable thrown) throws IOException {
            String name = localHandle.getFile().getFileName().toString();
            if (name.equals(cutReadOf) && offset > 0 && readLen > 0) {
                cutReadOf = null;
                session.close(true);
                throw new IOException("connection cut by the test in the middle of " + name);
            }
        }

        @Override
        public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data, int dataOffset,
                int dataLen) throws IOException {
            String wanted = cutWriteOf;
            String name = localHandle.getFile().getFileName().toString();
            if (wanted != null && name.contains(wanted)) {
                cutWriteOf = null;
                session.close(true);
                throw new IOException("connection cut by the test in the middle of " + name);
            }
        }
    }
}
