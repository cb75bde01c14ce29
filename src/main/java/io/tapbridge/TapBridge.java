package io.tapbridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.tapbridge.settings.DurationPropertiesFunction;
import io.tapbridge.settings.StartupRefusedException;
import org.apache.camel.main.Main;

/**
 * Starts tap-bridge: Camel Main with the YAML routes of {@code routes/} and the settings of {@code config/}.
 *
 * <p>Both folders are read from the working directory unless {@code tapbridge.config-dir} /
 * {@code tapbridge.routes-dir} (or {@code TAPBRIDGE_CONFIG_DIR} / {@code TAPBRIDGE_ROUTES_DIR}) say otherwise.
 * The active profile ({@code camel.main.profile} or {@code CAMEL_MAIN_PROFILE}) adds
 * {@code config/application-<profile>.properties} ahead of the base file: Camel Main itself would only look on
 * the classpath for it.
 */
public final class TapBridge {

    private TapBridge() {
    }

    public static void main(String[] args) throws Exception {
        try {
            int exitCode = create(Map.of()).run(args);
            if (exitCode != 0) {
                System.exit(exitCode); // a failed start must show as a failed process to systemd, Kubernetes, scripts
            }
        } catch (StartupRefusedException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** A configured, not yet started Main; {@code overrides} win over every file, JVM and environment setting. */
    public static Main create(Map<String, String> overrides) {
        String configDir = setting(overrides, "tapbridge.config-dir", "config");
        String routesDir = setting(overrides, "tapbridge.routes-dir", "routes");
        String profile = setting(overrides, "camel.main.profile", "");

        Path profileFile = Path.of(configDir, "application-" + profile + ".properties");
        if (!profile.isBlank() && !Files.isRegularFile(profileFile)) {
            // a misspelt profile ("production") would otherwise run on the defaults: against the sandboxes
            throw new StartupRefusedException("Unknown profile '" + profile + "': there is no " + profileFile + "; the profiles are "
                    + profiles(Path.of(configDir)));
        }
        Main main = new Main();
        String base = "file:" + Path.of(configDir, "application.properties");
        main.setDefaultPropertyPlaceholderLocation(profile.isBlank() ? base : "file:" + profileFile + "," + base);
        main.addInitialProperty("camel.main.routesIncludePattern", "file:" + Path.of(routesDir) + "/*.yaml");
        var sandbox = sandboxConfiguration();
        sandbox.ifPresent(main.configure()::addConfiguration);
        // what BridgeConfiguration checks sandbox.enabled against, without a reference back to this class
        main.addInitialProperty(BridgeConfiguration.SANDBOX_AVAILABLE, Boolean.toString(sandbox.isPresent()));
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.addMainListener(new DurationPropertiesFunction.Installer());
        if (!overrides.isEmpty()) {
            Properties props = new Properties();
            props.putAll(overrides);
            main.setOverrideProperties(props);
        }
        return main;
    }

    /** The profiles config/ has a file for: "demo, prod, test". */
    private static String profiles(Path configDir) {
        try (var files = Files.list(configDir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("application-.+\\.properties"))
                    .map(n -> n.substring("application-".length(), n.length() - ".properties".length())).sorted()
                    .collect(java.util.stream.Collectors.joining(", "));
        } catch (java.io.IOException e) {
            return "(none found in " + configDir + ")";
        }
    }

    private static final String SANDBOX_CONFIGURATION = "io.tapbridge.sandbox.SandboxConfiguration";

    /** By name: the bridge's code never refers to the sandboxes, which the production jar leaves out. */
    private static java.util.Optional<Class<? extends org.apache.camel.CamelConfiguration>> sandboxConfiguration() {
        try {
            return java.util.Optional.of(Class.forName(SANDBOX_CONFIGURATION, false, TapBridge.class.getClassLoader())
                    .asSubclass(org.apache.camel.CamelConfiguration.class));
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    private static String setting(Map<String, String> overrides, String key, String fallback) {
        String value = overrides.get(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            value = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
