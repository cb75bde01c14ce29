package io.tapbridge.operations;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.tapbridge.settings.Settings;
import io.tapbridge.settings.StartupRefusedException;

/**
 * Who may use the management server (health, metrics, Jolokia), and in which role: {@code viewer} (reads) or
 * {@code operator} (reads and acts). From {@code management.users-file} ({@code <user> = <role>:<password>}, readable
 * by the bridge's user only) and from {@code management.operator-password} / {@code management.viewer-password}
 * (users {@code operator} and {@code viewer}; give them as MANAGEMENT_OPERATOR_PASSWORD / MANAGEMENT_VIEWER_PASSWORD).
 * Without users the server answers on loopback only; listening beyond loopback without users is refused at start.
 */
final class ManagementUsers {

    static final String VIEWER = "viewer";
    static final String OPERATOR = "operator";

    /** One login. */
    record User(String name, String role, String password) {
        boolean operator() {
            return OPERATOR.equals(role);
        }

        @Override
        public String toString() {
            return name + " (" + role + ")";
        }
    }

    private final Map<String, User> users;
    private final boolean required;

    private ManagementUsers(Map<String, User> users, boolean required) {
        this.users = Map.copyOf(users);
        this.required = required;
    }

    static ManagementUsers from(Settings settings) {
        Map<String, User> users = new LinkedHashMap<>();
        settings.optional("management.users-file").ifPresent(file -> read(Path.of(file), users));
        settings.optional("management.operator-password").ifPresent(p -> users.put(OPERATOR, new User(OPERATOR, OPERATOR, p)));
        settings.optional("management.viewer-password").ifPresent(p -> users.put(VIEWER, new User(VIEWER, VIEWER, p)));
        String host = settings.text("camel.management.host", "127.0.0.1");
        boolean loopback = loopback(host);
        if (!loopback && users.isEmpty() && Boolean.parseBoolean(settings.text("camel.management.enabled", "false"))) {
            throw new StartupRefusedException("camel.management.host=" + host + " reaches beyond this machine, and no management user is"
                    + " configured: set management.users-file or MANAGEMENT_OPERATOR_PASSWORD (and MANAGEMENT_VIEWER_PASSWORD), or bind"
                    + " the management server to 127.0.0.1");
        }
        return new ManagementUsers(users, !users.isEmpty() || !loopback);
    }

    /** Whether every request needs a login. */
    boolean required() {
        return required;
    }

    /** The user an {@code Authorization: Basic …} header logs in, if its password is right. */
    Optional<User> login(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        User user = users.get(decoded.substring(0, colon));
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        // compared in constant time, and a wrong user costs as long as a wrong password
        byte[] expected = (user == null ? "\u0000" : user.password()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected) && user != null ? Optional.of(user) : Optional.empty();
    }

    private static void read(Path file, Map<String, User> users) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new StartupRefusedException("management.users-file " + file + " holds passwords and must be readable by the bridge's"
                        + " user only (chmod 600)");
            }
            Properties lines = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                lines.load(reader);
            }
            for (String name : lines.stringPropertyNames()) {
                String value = lines.getProperty(name);
                int colon = value.indexOf(':');
                String role = colon < 0 ? "" : value.substring(0, colon).strip();
                if (!VIEWER.equals(role) && !OPERATOR.equals(role)) {
                    throw new StartupRefusedException("management.users-file " + file + ": user " + name + " needs 'viewer:<password>' or"
                            + " 'operator:<password>'");
                }
                users.put(name, new User(name, role, value.substring(colon + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("management.users-file " + file + " cannot be read", e);
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
