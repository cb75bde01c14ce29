package io.tapbridge.intake;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in to the SFTP server as the routes do (the same login, the host key checked strictly against the same file)
 * on the {@code erp-sftp-probe} timer, and says in plain words what is wrong: an unknown or changed host key, a
 * refused login, a server that cannot be reached. Camel's own messages say only "Cannot connect". Logged once when
 * the state changes; the readiness check "sftp server" shows the last answer.
 */
public final class SftpProbe {

    private static final Logger LOG = LoggerFactory.getLogger(SftpProbe.class);

    private final String host;
    private final int port;
    private final String username;
    private final String knownHosts;
    private final String privateKeyFile;
    private final String passphrase;
    private final String password;
    private final Duration timeout;
    private volatile String problem = "not checked yet";

    SftpProbe(String host, int port, String username, String knownHosts, String privateKeyFile, String passphrase, String password,
            Duration timeout) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.knownHosts = knownHosts;
        this.privateKeyFile = privateKeyFile;
        this.passphrase = passphrase;
        this.password = password;
        this.timeout = timeout;
    }

    /** Logs in and out once; logs when the answer differs from the last one. */
    public void check() {
        String now = attempt();
        String before = problem;
        problem = now;
        if (Objects.equals(now, before)) {
            return;
        }
        if (now == null) {
            LOG.info("SFTP server {}:{} reachable, host key known, login as {} accepted", host, port, username);
        } else {
            LOG.error("SFTP server {}:{}: {}; its files wait until this is mended", host, port, now);
        }
    }

    /** What is wrong, as of the last check. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private String attempt() {
        Session session = null;
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(knownHosts);
            if (privateKeyFile != null && passphrase != null) {
                jsch.addIdentity(privateKeyFile, passphrase);
            } else if (privateKeyFile != null) {
                jsch.addIdentity(privateKeyFile);
            }
            session = jsch.getSession(username, host, port);
            if (privateKeyFile == null) {
                session.setPassword(password);
            }
            session.setConfig("StrictHostKeyChecking", "yes");
            session.connect((int) timeout.toMillis());
            return null;
        } catch (JSchException e) {
            return explain(e);
        } finally {
            if (session != null) {
                session.disconnect();
            }
        }
    }

    private String explain(JSchException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("reject HostKey")) {
            return "its host key is not in " + knownHosts + ", so every connection is refused: add it after comparing its"
                    + " fingerprint with the server's (ssh-keyscan -p " + port + " " + host + ")";
        }
        if (message.contains("HostKey has been changed")) {
            return "its host key is NOT the one in " + knownHosts + ", so every connection is refused: if the server's key"
                    + " was replaced, replace its line there; otherwise someone may be between tap-bridge and the server";
        }
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return "the login as " + username + " is refused: check erp.sftp.username and "
                    + (privateKeyFile != null ? "erp.sftp.private-key-file (is its public key authorised on the server?)" : "erp.sftp.password");
        }
        if (e.getCause() instanceof ConnectException || message.contains("timeout") || message.contains("Connection refused")) {
            return "cannot be reached: " + message;
        }
        return message;
    }
}
